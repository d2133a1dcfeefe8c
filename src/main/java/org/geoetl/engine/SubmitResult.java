package org.geoetl.engine;

import org.geoetl.engine.store.JobRecord;

/** What a submission did, and the job as it now stands. */
public record SubmitResult(SubmitOutcome outcome, JobRecord job) {

    public boolean enqueue() {
        return outcome.enqueue();
    }

    public boolean idempotent() {
        return !enqueue();
    }

    /** The seed API's {@code status} field: the outcome, or the running job's own status. */
    public String status() {
        return outcome == SubmitOutcome.ALREADY_RUNNING ? job.status().sql() : outcome.name().toLowerCase();
    }

    public String message() {
        return switch (outcome) {
            case CREATED -> "job queued";
            case RESUBMITTED -> "failed job reset and queued again (attempt " + job.attempt() + ")";
            case ALREADY_COMPLETED -> "identical job already completed; returning its result";
            case ALREADY_RUNNING -> "identical job is already " + job.status();
        };
    }
}
