package org.geoetl.engine;

/** A stage cannot be planned from the job's parameters or earlier results; the job fails with this message. */
public class PlanningException extends RuntimeException {
    public PlanningException(String message) {
        super(message);
    }
}
