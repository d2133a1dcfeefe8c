package org.geoetl.engine;

import org.geoetl.engine.store.JobRecord;

/**
 * What a submission did: {@code created}, {@code resubmitted} (a failed job reset for a new
 * attempt), {@code already_completed}, or the running job's current status (idempotent).
 * {@code enqueue} says whether a job message must be sent.
 */
public record SubmitResult(String outcome, JobRecord job, boolean enqueue) {

    public boolean idempotent() {
        return !enqueue;
    }
}
