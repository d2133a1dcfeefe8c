package org.geoetl.engine.handler;

/** The input or request can never succeed: no retry, the job fails with this message. */
public class PermanentTaskException extends RuntimeException {
    public PermanentTaskException(String message) {
        super(message);
    }

    public PermanentTaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
