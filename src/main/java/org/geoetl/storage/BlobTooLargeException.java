package org.geoetl.storage;

/** An upload larger than the configured limit (HTTP 413); nothing is stored. */
public class BlobTooLargeException extends org.geoetl.error.GeoEtlException {
    public BlobTooLargeException(long max) {
        super(413, "upload exceeds the limit of " + max + " bytes (geoetl.storage.max-upload)");
    }
}
