package org.geoetl.storage;

/** The blob (or its container) does not exist. */
public class BlobNotFoundException extends org.geoetl.error.GeoEtlException {
    public BlobNotFoundException(String container, String name) {
        super(404, "blob '" + name + "' not found in container '" + container + "'");
    }
}
