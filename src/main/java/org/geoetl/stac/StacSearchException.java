package org.geoetl.stac;

/** A STAC search request that cannot be answered as asked (HTTP 400). */
public class StacSearchException extends org.geoetl.error.GeoEtlException {
    public StacSearchException(String message) {
        super(400, message);
    }
}
