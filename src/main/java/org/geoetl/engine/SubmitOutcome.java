package org.geoetl.engine;

/** What a submission did, and whether a job message must be sent for it. */
public enum SubmitOutcome {
    /** A new job, queued. */
    CREATED(true),
    /** A failed or cancelled identical job reset for a new attempt. */
    RESUBMITTED(true),
    /** An identical job completed already: its result is the answer. */
    ALREADY_COMPLETED(false),
    /** An identical job is queued or running: its status is the answer. */
    ALREADY_RUNNING(false);

    private final boolean enqueue;

    SubmitOutcome(boolean enqueue) {
        this.enqueue = enqueue;
    }

    public boolean enqueue() {
        return enqueue;
    }
}
