package org.geoetl.storage;

/** A container or blob name that breaks the naming rules (HTTP 400 at the API). */
public class InvalidBlobNameException extends org.geoetl.error.GeoEtlException {
    public InvalidBlobNameException(String message) {
        super(400, message);
    }
}
