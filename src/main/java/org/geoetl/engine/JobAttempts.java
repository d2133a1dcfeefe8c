package org.geoetl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.engine.store.StageRepository;
import org.geoetl.engine.store.TaskRepository;
import org.springframework.stereotype.Component;

/**
 * A new attempt of a job from stage 1 — an identical submission of a failed job, or an operator's
 * resubmit: the job row is reset (its previous ending kept in its error history) and its tasks and
 * stages are deleted so the attempt starts clean. Call inside the transaction holding the job row lock.
 */
@Component
public class JobAttempts {

    private final JobRepository jobs;
    private final TaskRepository tasks;
    private final StageRepository stages;

    public JobAttempts(JobRepository jobs, TaskRepository tasks, StageRepository stages) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.stages = stages;
    }

    /** False when the job was not in a state to start over (running, unless {@code evenIfRunning}). */
    public boolean startNew(String jobId, JsonNode parameters, boolean evenIfRunning) {
        if (!jobs.resetForNewAttempt(jobId, parameters, evenIfRunning)) {
            return false;
        }
        tasks.deleteAll(jobId);
        stages.deleteAll(jobId);
        return true;
    }
}
