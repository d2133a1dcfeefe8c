package org.geoetl.engine;

/** Something an operator or a request named does not exist (HTTP 404). */
public class NotFoundException extends org.geoetl.error.GeoEtlException {
    public NotFoundException(String message) {
        super(404, message);
    }
}
