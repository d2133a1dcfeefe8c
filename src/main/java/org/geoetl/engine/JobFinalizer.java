package org.geoetl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.store.EventRepository;
import org.geoetl.engine.store.JobRecord;
import org.geoetl.engine.store.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Completes a job after its last stage: the result summary, the job row (only if still running),
 * the completion listeners (inside the same transaction: the catalog opens its approval there),
 * and the job_completed event.
 */
@Component
public class JobFinalizer {

    private final JobRepository jobs;
    private final EventRepository events;
    private final JobSummary summary;
    private final List<JobCompletionListener> listeners;

    public JobFinalizer(JobRepository jobs, EventRepository events, JobSummary summary,
                        List<JobCompletionListener> listeners) {
        this.jobs = jobs;
        this.events = events;
        this.summary = summary;
        this.listeners = listeners;
    }

    /** Call inside the transaction holding the job row lock. */
    public void complete(JobRecord job) {
        JsonNode result = summary.build(job);
        if (jobs.complete(job.jobId(), result)) {
            listeners.forEach(l -> l.jobCompleted(job.jobId(), job.jobType(), result));
            events.record(job.jobId(), null, job.stage(), "job_completed", "success",
                    Map.of("total_tasks", result.path("total_tasks").asLong()), null, null);
        }
    }
}
