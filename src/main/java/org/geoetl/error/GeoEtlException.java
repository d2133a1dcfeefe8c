package org.geoetl.error;

import java.util.Map;

/**
 * The one error contract: every domain exception carries the HTTP status it answers with and
 * details a user can act on. The shared route error configuration catches this one type; a task
 * handler that throws one with a 4xx status fails its task permanently (the input is at fault,
 * a retry cannot help). Messages must never contain SQL, paths or secrets.
 */
public class GeoEtlException extends RuntimeException {

    private final int status;
    private final transient Map<String, Object> details;

    public GeoEtlException(int status, String message) {
        this(status, message, Map.of());
    }

    public GeoEtlException(int status, String message, Map<String, Object> details) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
        this.details = Map.copyOf(details);
    }

    public int status() {
        return status;
    }

    /** Extra fields of the JSON error body (field errors, hints). */
    public Map<String, Object> details() {
        return details;
    }

    /** The request or input is at fault (4xx): the same request or task input will fail again. */
    public boolean isClientError() {
        return status < 500;
    }
}
