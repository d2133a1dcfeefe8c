package org.geoetl.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.engine.state.JobStatus;
import org.geoetl.engine.store.DispatchRow;
import org.geoetl.engine.store.EventRepository;
import org.geoetl.engine.store.JobRecord;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.engine.store.OperatorActionRepository;
import org.geoetl.engine.store.StageRepository;
import org.geoetl.engine.store.TaskRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator can do to a job: cancel it, retry only its failed tasks, resubmit it from
 * scratch, delete it. Each verb runs in one transaction holding the job row lock and is recorded
 * in the job's timeline (delete, which removes the timeline, in app.operator_actions).
 */
@Component
public class OperatorVerbs {

    /** The verb does not apply to the job in its current state (HTTP 409). */
    public static class Refused extends org.geoetl.error.GeoEtlException {
        public Refused(String message) {
            super(409, message);
        }
    }

    /** A verb's answer and the messages it needs sent. */
    public record Result(Map<String, Object> response, List<Outgoing> messages) {
    }

    private final JobRepository jobs;
    private final TaskRepository tasks;
    private final StageRepository stages;
    private final EventRepository events;
    private final OperatorActionRepository actions;
    private final RetryPolicies retries;
    private final TaskMessages messages;
    private final TransactionTemplate tx;
    private final JobTermination termination;
    private final JobAttempts attempts;

    public OperatorVerbs(JobRepository jobs, TaskRepository tasks, StageRepository stages, EventRepository events,
                         OperatorActionRepository actions, RetryPolicies retries, TaskMessages messages,
                         TransactionTemplate tx, JobTermination termination, JobAttempts attempts) {
        this.attempts = attempts;
        this.jobs = jobs;
        this.tasks = tasks;
        this.stages = stages;
        this.events = events;
        this.actions = actions;
        this.retries = retries;
        this.messages = messages;
        this.tx = tx;
        this.termination = termination;
    }

    public Result cancel(String jobId, String reason) {
        return tx.execute(s -> {
            JobRecord job = lock(jobId);
            if (job.isTerminal()) {
                throw new Refused("job is already " + job.status());
            }
            // Tasks first: a claim in flight holds its task row, so this waits for it (that task started
            // before the cancel); a claim arriving later waits on our lock and then finds the task
            // cancelled. The job's completed_at is read after that, so every task that started is older.
            String why = "cancelled by operator" + (reason == null || reason.isBlank() ? "" : ": " + reason);
            int cancelled = tasks.cancelOpen(jobId);
            jobs.cancel(jobId, why);
            events.record(jobId, null, job.stage(), "job_cancelled", "warning",
                    Map.of("cancelled_tasks", cancelled, "reason", why), why, null);
            termination.afterCommit(jobId);
            return new Result(Map.of("job_id", jobId, "status", JobStatus.CANCELLED, "cancelled_tasks", cancelled,
                    "message", "running tasks finish their current attempt; their results change nothing"), List.of());
        });
    }

    /** Re-queues the failed (and, in the failed stage, cancelled) tasks of a failed job; the stage continues. */
    public Result retryFailed(String jobId) {
        return tx.execute(s -> {
            JobRecord job = lock(jobId);
            if (job.status() != JobStatus.FAILED) {
                throw new Refused("only a failed job can retry its failed tasks; this job is " + job.status());
            }
            List<DispatchRow> requeued = tasks.requeueFailed(jobId, job.stage(), retries.defaultMaxAttempts());
            if (requeued.isEmpty()) {
                throw new Refused("job has no failed tasks in stage " + job.stage()
                        + " (it failed while planning: " + job.errorDetails() + "); resubmit it instead");
            }
            stages.recount(jobId, job.stage());
            jobs.reopen(jobId);
            events.record(jobId, null, job.stage(), "job_retry_failed", "info",
                    Map.of("requeued_tasks", requeued.size()), null, null);
            return new Result(Map.of("job_id", jobId, "status", JobStatus.PROCESSING, "requeued_tasks", requeued.size()),
                    messages.forRows(requeued));
        });
    }

    /** Deletes the job's tasks and stages and runs it again from stage 1 (the seed's "nuclear reset"). */
    public Result resubmit(String jobId, boolean dryRun, boolean force) {
        return tx.execute(s -> {
            JobRecord job = lock(jobId);
            refuseIfRunning(job, force, "resubmit");
            Map<String, Object> plan = plan(job);
            if (dryRun) {
                return new Result(with(plan, "dry_run", true), List.of());
            }
            attempts.startNew(jobId, null, true);
            events.record(jobId, null, null, "job_resubmitted", "info", with(plan, "forced", force), null, null);
            return new Result(with(plan, "dry_run", false), List.of(Outgoing.job(JobMessage.submit(jobId))));
        });
    }

    public Result delete(String jobId, boolean dryRun, boolean force) {
        return tx.execute(s -> {
            JobRecord job = lock(jobId);
            refuseIfRunning(job, force, "delete");
            Map<String, Object> plan = plan(job);
            if (!dryRun) {
                jobs.delete(jobId);
                actions.record("job_deleted", jobId, plan);
            }
            return new Result(with(plan, "dry_run", dryRun), List.of());
        });
    }

    private Map<String, Object> plan(JobRecord job) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("job_id", job.jobId());
        plan.put("job_type", job.jobType());
        plan.put("previous_status", job.status());
        plan.put("tasks_deleted", tasks.countAll(job.jobId()));
        return plan;
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static void refuseIfRunning(JobRecord job, boolean force, String verb) {
        if (!job.isTerminal() && !force) {
            throw new Refused("job is " + job.status() + "; cancel it first or " + verb + " with force=true");
        }
    }

    private JobRecord lock(String jobId) {
        return jobs.lock(jobId).orElseThrow(() -> new NotFoundException("job " + jobId + " not found"));
    }
}
