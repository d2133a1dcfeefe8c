package org.geoetl.gdal;

/** A GDAL/OGR call failed; the message carries GDAL's own error text. Input problems are permanent. */
public class GdalException extends org.geoetl.engine.handler.PermanentTaskException {
    public GdalException(String message) {
        super(message);
    }
}
