package org.geoetl.storage;

/** A container or blob name that breaks the naming rules (HTTP 400 at the API). */
public class InvalidBlobNameException extends IllegalArgumentException {
    public InvalidBlobNameException(String message) {
        super(message);
    }
}
