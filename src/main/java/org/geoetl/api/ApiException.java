package org.geoetl.api;

import java.util.Map;
import org.geoetl.error.GeoEtlException;

/** An API answer other than success, with the HTTP status and a body a user can act on. */
public class ApiException extends GeoEtlException {

    public ApiException(int status, String message) {
        super(status, message);
    }

    public ApiException(int status, String message, Map<String, Object> details) {
        super(status, message, details);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, what + " not found");
    }
}
