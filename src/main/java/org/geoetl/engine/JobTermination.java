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
    private final java.util.List<JobFailureListener> listeners;

    public JobTermination(JobRepository jobs, TaskRepository tasks, EventRepository events,
                          java.util.List<JobFailureListener> listeners) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.events = events;
        this.listeners = listeners;
    }

    public boolean fail(String jobId, Integer stage, String error) {
        if (!jobs.fail(jobId, error, null)) {
            return false;
        }
        int cancelled = tasks.cancelOpen(jobId);
        events.record(jobId, null, stage, "job_failed", "failure", Map.of("cancelled_tasks", cancelled), error, null);
        afterCommit(jobId);
        return true;
    }

    /** Runs the failure listeners once the ending transaction committed (never for a rolled-back ending). */
    public void afterCommit(String jobId) {
        if (listeners.isEmpty()) {
            return;
        }
        Runnable notify = () -> jobs.find(jobId).ifPresent(job -> listeners.forEach(l -> {
            try {
                l.jobEnded(job.jobId(), job.jobType(), jobs.parametersAsMap(job));
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(JobTermination.class)
                        .warn("cleanup after job {} ended failed: {}", jobId, e.getMessage());
            }
        }));
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            notify.run();
                        }
                    });
        } else {
            notify.run();
        }
    }
}
