package org.geoetl.storage;

/** A blob name that collides with a folder of the local store (409): a file cannot be both. */
public class BlobConflictException extends org.geoetl.error.GeoEtlException {
    public BlobConflictException(String message) {
        super(409, message);
    }
}
