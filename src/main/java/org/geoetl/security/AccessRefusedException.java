package org.geoetl.security;

import org.geoetl.error.GeoEtlException;

/** A caller without the identity or the role a request needs (401 or 403). */
public class AccessRefusedException extends GeoEtlException {
    public AccessRefusedException(int status, String message) {
        super(status, message);
    }
}
