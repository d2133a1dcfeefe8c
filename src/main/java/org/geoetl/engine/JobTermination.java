package org.geoetl.engine;

import java.util.Map;
import org.geoetl.engine.store.EventRepository;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.engine.store.TaskRepository;
import org.springframework.stereotype.Component;

/**
 * Ends a job as failed: the job row (only if still running — the first ending wins), every task
 * that has not started is cancelled, and the timeline records why. Call inside a transaction.
 */
@Component
public class JobTermination {

    private final JobRepository jobs;
    private final TaskRepository tasks;
    private final EventRepository events;

    public JobTermination(JobRepository jobs, TaskRepository tasks, EventRepository events) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.events = events;
    }

    public boolean fail(String jobId, Integer stage, String error) {
        if (!jobs.fail(jobId, error, null)) {
            return false;
        }
        int cancelled = tasks.cancelOpen(jobId);
        events.record(jobId, null, stage, "job_failed", "failure", Map.of("cancelled_tasks", cancelled), error, null);
        return true;
    }
}
