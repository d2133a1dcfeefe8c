package org.geoetl.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.engine.message.TaskMessage;
import org.geoetl.engine.store.EventRepository;
import org.geoetl.engine.store.JsonColumns;
import org.geoetl.engine.store.TaskRepository;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Repairs what lost messages and dead workers leave behind, in one transaction per run (one run
 * at a time across all instances, by advisory lock), each run recorded in app.janitor_runs:
 * <ol>
 * <li>tasks whose lease expired (their worker died) go back to queued and are re-sent — or, when
 *     their attempts are used up (an input that kills the worker), fail with that reason;</li>
 * <li>queued tasks untouched for {@code queued-timeout} get their message re-sent;</li>
 * <li>finished stages whose job has not moved on for {@code signal-timeout} get stage_complete re-sent,
 *     and jobs never planned get job_submit re-sent;</li>
 * <li>jobs whose current stage can no longer finish (no open task left) fail with the reason.</li>
 * </ol>
 * Re-sent messages are harmless duplicates when the original was only slow.
 */
@Component
public class Janitor {

    public record Report(Long runId, boolean skipped, Map<String, Object> actions, List<Outgoing> messages) {
    }

    private static final int BATCH = 1000;

    private final NamedParameterJdbcTemplate jdbc;
    private final TaskRepository tasks;
    private final EventRepository events;
    private final JobTermination termination;
    private final TaskHandlerRegistry handlers;
    private final GeoEtlProperties properties;
    private final JsonColumns json;
    private final TransactionTemplate tx;

    public Janitor(NamedParameterJdbcTemplate jdbc, TaskRepository tasks, EventRepository events,
                   JobTermination termination, TaskHandlerRegistry handlers, GeoEtlProperties properties,
                   JsonColumns json, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.events = events;
        this.termination = termination;
        this.handlers = handlers;
        this.properties = properties;
        this.json = json;
        this.tx = tx;
    }

    public Report run(String trigger) {
        return tx.execute(status -> {
            Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext('geoetl-janitor'))",
                    Map.of(), Boolean.class);
            if (!Boolean.TRUE.equals(locked)) {
                return new Report(null, true, Map.of("skipped", "another janitor run is in progress"), List.of());
            }
            long started = System.currentTimeMillis();
            List<Outgoing> out = new ArrayList<>();
            Map<String, Object> actions = new LinkedHashMap<>();
            actions.put("leases_expired_requeued", requeueExpiredLeases(out, actions));
            actions.put("queued_tasks_resent", resendStuckTasks(out));
            actions.put("stage_signals_resent", resendLostSignals(out));
            actions.put("jobs_failed_unable_to_progress", failStuckJobs());
            int fixed = actions.values().stream().mapToInt(v -> ((Number) v).intValue()).sum();
            Long runId = jdbc.queryForObject("""
                    INSERT INTO app.janitor_runs (trigger, started_at, completed_at, duration_ms, status, items_fixed, actions)
                    VALUES (:trigger, now(), now(), :ms, 'completed', :fixed, CAST(:actions AS jsonb)) RETURNING run_id""",
                    new MapSqlParameterSource("trigger", trigger).addValue("ms", System.currentTimeMillis() - started)
                            .addValue("fixed", fixed).addValue("actions", json.write(actions)), Long.class);
            return new Report(runId, false, actions, out);
        });
    }

    private int requeueExpiredLeases(List<Outgoing> out, Map<String, Object> actions) {
        List<Map<String, Object>> expired = jdbc.queryForList("""
                SELECT t.task_id, t.parent_job_id, t.stage, t.stage_name, t.task_type, t.task_index, t.attempts,
                       t.max_attempts, t.executed_by
                  FROM app.tasks t JOIN app.jobs j ON j.job_id = t.parent_job_id AND j.status = 'processing'
                 WHERE t.status = 'processing' AND t.lease_expires_at < now()
                 ORDER BY t.lease_expires_at LIMIT :batch FOR UPDATE OF t SKIP LOCKED""", Map.of("batch", BATCH));
        int requeued = 0;
        int exhausted = 0;
        for (Map<String, Object> t : expired) {
            String taskId = (String) t.get("task_id");
            String jobId = (String) t.get("parent_job_id");
            int stage = (Integer) t.get("stage");
            int attempts = (Integer) t.get("attempts");
            String lost = "worker " + t.get("executed_by") + " stopped heartbeating (lease expired) during attempt " + attempts;
            if (attempts >= (Integer) t.get("max_attempts")) {
                String reason = lost + "; all " + attempts + " attempts ended this way — the input may crash the worker";
                tasks.fail(taskId, reason, "unknown");
                events.record(jobId, taskId, stage, "task_failed", "failure", Map.of("attempt", attempts), reason, null);
                termination.fail(jobId, stage, "task " + t.get("task_type") + " #" + t.get("task_index") + " of stage '"
                        + t.get("stage_name") + "' failed: " + reason);
                exhausted++;
                continue;
            }
            jdbc.update("""
                    UPDATE app.tasks SET status = 'queued', lease_expires_at = NULL, error_details = :lost, updated_at = now()
                     WHERE task_id = :id AND status = 'processing'""", Map.of("id", taskId, "lost", lost));
            events.record(jobId, taskId, stage, "task_requeued", "warning", Map.of("attempt", attempts), lost, null);
            out.add(Outgoing.task(message(taskId, jobId, stage, (String) t.get("task_type"))));
            requeued++;
        }
        actions.put("leases_expired_failed", exhausted);
        return requeued;
    }

    private int resendStuckTasks(List<Outgoing> out) {
        List<Map<String, Object>> stuck = jdbc.queryForList("""
                UPDATE app.tasks SET updated_at = now()
                 WHERE task_id IN (
                     SELECT t.task_id FROM app.tasks t
                       JOIN app.jobs j ON j.job_id = t.parent_job_id AND j.status = 'processing'
                      WHERE t.status IN ('pending', 'queued', 'interrupted')
                        AND t.updated_at < now() - make_interval(secs => :timeout)
                        AND (t.next_attempt_at IS NULL OR t.next_attempt_at < now() - make_interval(secs => :timeout))
                      LIMIT :batch FOR UPDATE OF t SKIP LOCKED)
                RETURNING task_id, parent_job_id, stage, task_type""",
                new MapSqlParameterSource("timeout", (double) properties.janitor().queuedTimeout().toSeconds())
                        .addValue("batch", BATCH));
        for (Map<String, Object> t : stuck) {
            out.add(Outgoing.task(message((String) t.get("task_id"), (String) t.get("parent_job_id"),
                    (Integer) t.get("stage"), (String) t.get("task_type"))));
        }
        return stuck.size();
    }

    private int resendLostSignals(List<Outgoing> out) {
        MapSqlParameterSource timeout = new MapSqlParameterSource("timeout",
                (double) properties.janitor().signalTimeout().toSeconds());
        List<Map<String, Object>> finished = jdbc.queryForList("""
                SELECT j.job_id, j.stage FROM app.jobs j
                  JOIN app.job_stages s ON s.job_id = j.job_id AND s.stage = j.stage
                 WHERE j.status = 'processing' AND s.status = 'completed'
                   AND s.completed_at < now() - make_interval(secs => :timeout)""", timeout);
        finished.forEach(r -> out.add(Outgoing.job(JobMessage.stageComplete((String) r.get("job_id"), (Integer) r.get("stage")))));
        List<String> unplanned = jdbc.queryForList("""
                SELECT job_id FROM app.jobs WHERE status = 'queued' AND stage = 0
                   AND updated_at < now() - make_interval(secs => :timeout)""", timeout, String.class);
        unplanned.forEach(id -> out.add(Outgoing.job(JobMessage.submit(id))));
        return finished.size() + unplanned.size();
    }

    private int failStuckJobs() {
        List<Map<String, Object>> stuck = jdbc.queryForList("""
                SELECT j.job_id, j.stage, s.remaining_tasks,
                       (SELECT count(*) FROM app.tasks f WHERE f.parent_job_id = j.job_id AND f.stage = j.stage
                           AND f.status = 'failed') AS failed
                  FROM app.jobs j JOIN app.job_stages s ON s.job_id = j.job_id AND s.stage = j.stage
                 WHERE j.status = 'processing' AND s.status = 'running'
                   AND NOT EXISTS (SELECT 1 FROM app.tasks t WHERE t.parent_job_id = j.job_id AND t.stage = j.stage
                                      AND t.status IN ('pending', 'queued', 'processing', 'interrupted'))""", Map.of());
        for (Map<String, Object> j : stuck) {
            termination.fail((String) j.get("job_id"), (Integer) j.get("stage"), "stage " + j.get("stage")
                    + " cannot complete: " + j.get("remaining_tasks") + " task(s) will never finish (" + j.get("failed")
                    + " failed, the rest cancelled); retry the failed tasks or resubmit the job");
        }
        return stuck.size();
    }

    private TaskMessage message(String taskId, String jobId, int stage, String taskType) {
        return new TaskMessage(taskId, jobId, stage, taskType, handlers.get(taskType).queueClass().wireName());
    }
}
