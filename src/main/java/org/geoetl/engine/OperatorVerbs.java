package org.geoetl.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.engine.message.TaskMessage;
import org.geoetl.engine.store.EventRepository;
import org.geoetl.engine.store.JobRecord;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.engine.store.JsonColumns;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** A verb's answer and the messages it needs sent. */
    public record Result(Map<String, Object> response, List<Outgoing> messages) {
    }

    private final JobRepository jobs;
    private final EventRepository events;
    private final TaskHandlerRegistry handlers;
    private final RetryPolicies retries;
    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;
    private final TransactionTemplate tx;
    private final JobTermination termination;

    public OperatorVerbs(JobRepository jobs, EventRepository events, TaskHandlerRegistry handlers,
                         RetryPolicies retries, NamedParameterJdbcTemplate jdbc, JsonColumns json,
                         TransactionTemplate tx, JobTermination termination) {
        this.termination = termination;
        this.jobs = jobs;
        this.events = events;
        this.handlers = handlers;
        this.retries = retries;
        this.jdbc = jdbc;
        this.json = json;
        this.tx = tx;
    }

    public Result cancel(String jobId, String reason) {
        return tx.execute(s -> {
            JobRecord job = lock(jobId);
            if (job.isTerminal()) {
                throw new Refused("job is already " + job.status());
            }
            // Tasks first: a claim in flight holds its task row, so this waits for it (that task started
            // before the cancel); a claim arriving later waits on our lock and then finds the task
            // cancelled. completed_at is read after that, so every task that started is older than it.
            String why = "cancelled by operator" + (reason == null || reason.isBlank() ? "" : ": " + reason);
            int cancelled = jdbc.update("""
                    UPDATE app.tasks SET status = 'cancelled', updated_at = now()
                     WHERE parent_job_id = :id AND status IN ('pending', 'queued', 'interrupted')""", Map.of("id", jobId));
            jdbc.update("""
                    UPDATE app.jobs SET status = 'cancelled', error_details = :why, completed_at = clock_timestamp(),
                           updated_at = now()
                     WHERE job_id = :id""", Map.of("id", jobId, "why", why));
            events.record(jobId, null, job.stage(), "job_cancelled", "warning",
                    Map.of("cancelled_tasks", cancelled, "reason", why), why, null);
            termination.afterCommit(jobId);
            return new Result(Map.of("job_id", jobId, "status", "cancelled", "cancelled_tasks", cancelled,
                    "message", "running tasks finish their current attempt; their results change nothing"), List.of());
        });
    }

    /** Re-queues the failed (and, in the failed stage, cancelled) tasks of a failed job; the stage continues. */
    public Result retryFailed(String jobId) {
        return tx.execute(s -> {
            JobRecord job = lock(jobId);
            if (!"failed".equals(job.status())) {
                throw new Refused("only a failed job can retry its failed tasks; this job is " + job.status());
            }
            List<Map<String, Object>> requeued = jdbc.queryForList("""
                    UPDATE app.tasks SET status = 'queued', next_attempt_at = NULL, lease_expires_at = NULL,
                           max_attempts = attempts + :extra, updated_at = now()
                     WHERE parent_job_id = :id AND stage = :stage AND status IN ('failed', 'cancelled')
                    RETURNING task_id, task_type, stage""",
                    new MapSqlParameterSource("id", jobId).addValue("stage", job.stage())
                            .addValue("extra", retries.defaultMaxAttempts()));
            if (requeued.isEmpty()) {
                throw new Refused("job has no failed tasks in stage " + job.stage()
                        + " (it failed while planning: " + job.errorDetails() + "); resubmit it instead");
            }
            ObjectNode history = history(job);
            jdbc.update("""
                    UPDATE app.jobs SET status = 'processing', error_details = NULL, completed_at = NULL,
                           result_data = NULL, updated_at = now(),
                           metadata = jsonb_set(metadata, '{error_history}',
                                      COALESCE(metadata->'error_history', '[]'::jsonb) || CAST(:entry AS jsonb))
                     WHERE job_id = :id""", Map.of("id", jobId, "entry", json.write(List.of(history))));
            events.record(jobId, null, job.stage(), "job_retry_failed", "info",
                    Map.of("requeued_tasks", requeued.size()), null, null);
            List<Outgoing> messages = requeued.stream().map(r -> Outgoing.task(new TaskMessage(
                    (String) r.get("task_id"), jobId, (Integer) r.get("stage"), (String) r.get("task_type"),
                    handlers.get((String) r.get("task_type")).queueClass().wireName()))).toList();
            return new Result(Map.of("job_id", jobId, "status", "processing", "requeued_tasks", requeued.size()),
                    messages);
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
            jdbc.update("DELETE FROM app.tasks WHERE parent_job_id = :id", Map.of("id", jobId));
            jdbc.update("DELETE FROM app.job_stages WHERE job_id = :id", Map.of("id", jobId));
            jdbc.update("""
                    UPDATE app.jobs SET status = 'queued', stage = 0, attempt = attempt + 1, result_data = NULL,
                           error_details = NULL, started_at = NULL, completed_at = NULL, updated_at = now(),
                           metadata = jsonb_set(metadata, '{error_history}',
                                      COALESCE(metadata->'error_history', '[]'::jsonb) || CAST(:entry AS jsonb))
                     WHERE job_id = :id""", Map.of("id", jobId, "entry", json.write(List.of(history(job)))));
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
                jdbc.update("DELETE FROM app.jobs WHERE job_id = :id", Map.of("id", jobId));
                jdbc.update("INSERT INTO app.operator_actions (action, target, details) VALUES ('job_deleted', :id, CAST(:d AS jsonb))",
                        Map.of("id", jobId, "d", json.write(plan)));
            }
            return new Result(with(plan, "dry_run", dryRun), List.of());
        });
    }

    private Map<String, Object> plan(JobRecord job) {
        Long tasks = jdbc.queryForObject("SELECT count(*) FROM app.tasks WHERE parent_job_id = :id",
                Map.of("id", job.jobId()), Long.class);
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("job_id", job.jobId());
        plan.put("job_type", job.jobType());
        plan.put("previous_status", job.status());
        plan.put("tasks_deleted", tasks);
        return plan;
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private ObjectNode history(JobRecord job) {
        return json.mapper().createObjectNode().put("attempt", job.attempt()).put("status", job.status())
                .put("failed_stage", job.stage()).put("error", job.errorDetails())
                .put("ended_at", job.completedAt() == null ? null : job.completedAt().toString());
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
