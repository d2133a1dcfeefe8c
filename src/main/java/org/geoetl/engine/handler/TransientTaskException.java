package org.geoetl.engine.handler;

/** A failure that may go away on a later attempt (network, lock, temporary resource shortage). */
public class TransientTaskException extends RuntimeException {
    public TransientTaskException(String message) {
        super(message);
    }

    public TransientTaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
