package org.geoetl.storage;

/** The blob (or its container) does not exist. */
public class BlobNotFoundException extends RuntimeException {
    public BlobNotFoundException(String container, String name) {
        super("blob '" + name + "' not found in container '" + container + "'");
    }
}
