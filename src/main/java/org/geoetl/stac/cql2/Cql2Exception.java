package org.geoetl.stac.cql2;

/** A filter that cannot be understood or run; its message says what and where (a 400). */
public class Cql2Exception extends RuntimeException {

    public Cql2Exception(String message) {
        super(message);
    }
}
