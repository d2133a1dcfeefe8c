package org.geoetl.engine.handler;

/**
 * Thrown by a handler (usually through {@link TaskContext#stopIfRequested()}) at a phase boundary
 * when the worker is shutting down. The task becomes {@code interrupted} — not completed, not
 * failed — and the next worker resumes it from its last checkpoint.
 */
public class TaskStoppedException extends RuntimeException {
    public TaskStoppedException(String message) {
        super(message);
    }
}
