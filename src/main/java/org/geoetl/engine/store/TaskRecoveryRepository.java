package org.geoetl.engine.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * app.tasks seen from the janitor and the instance reaper: tasks whose worker is gone, tasks
 * whose message was lost, stages whose planning stopped half-way, stages that can never finish.
 * Selections lock with SKIP LOCKED, so concurrent recoverers never take the same task twice.
 */
@Repository
public class TaskRecoveryRepository {

    private static final String ABANDONED = """
            SELECT t.task_id, t.parent_job_id, t.stage, t.stage_name, t.task_type, t.task_index, t.attempts,
                   t.max_attempts, t.executed_by, t.target_queue
              FROM app.tasks t JOIN app.jobs j ON j.job_id = t.parent_job_id AND j.status = 'processing'
             WHERE t.status = 'processing'""";

    private final NamedParameterJdbcTemplate jdbc;

    public TaskRecoveryRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Running tasks of running jobs whose lease expired (a live but stuck, or unregistered, worker). */
    public List<AbandonedTask> lockExpiredLeases(int limit) {
        return jdbc.query(ABANDONED + " AND t.lease_expires_at < now()"
                + " ORDER BY t.lease_expires_at LIMIT :limit FOR UPDATE OF t SKIP LOCKED", Map.of("limit", limit), this::map);
    }

    /** Running tasks of running jobs held by these worker instances, whatever their leases say. */
    public List<AbandonedTask> lockHeldBy(List<String> instanceIds) {
        return jdbc.query(ABANDONED + " AND t.executed_by IN (:ids) ORDER BY t.task_id FOR UPDATE OF t SKIP LOCKED",
                Map.of("ids", instanceIds), this::map);
    }

    /** Back to queued, with why; false when the task moved on meanwhile. */
    public boolean requeue(String taskId, String reason) {
        return jdbc.update("""
                UPDATE app.tasks SET status = 'queued', lease_expires_at = NULL, error_details = :why, updated_at = now()
                 WHERE task_id = :id AND status = 'processing'""", Map.of("id", taskId, "why", reason)) == 1;
    }

    /** Queued or interrupted tasks untouched for {@code timeout} (their message may be lost); touched and returned. */
    public List<DispatchRow> touchStuckQueued(Duration timeout, int limit) {
        return jdbc.query("""
                UPDATE app.tasks SET updated_at = now()
                 WHERE task_id IN (
                     SELECT t.task_id FROM app.tasks t
                       JOIN app.jobs j ON j.job_id = t.parent_job_id AND j.status = 'processing'
                      WHERE t.status IN ('queued', 'interrupted')
                        AND t.updated_at < now() - make_interval(secs => :timeout)
                        AND (t.next_attempt_at IS NULL OR t.next_attempt_at < now() - make_interval(secs => :timeout))
                      LIMIT :limit FOR UPDATE OF t SKIP LOCKED)
                RETURNING\s""" + TaskRepository.DISPATCH_COLUMNS,
                new MapSqlParameterSource("timeout", (double) timeout.toSeconds()).addValue("limit", limit),
                TaskRepository::dispatchRow);
    }

    /** A running stage whose planning stopped before every task was inserted: job, stage, tasks inserted. */
    public record UnfinishedPlan(String jobId, int stage, int inserted) {
    }

    /** Stages planned longer than {@code timeout} ago that still have fewer task rows than planned. */
    public List<UnfinishedPlan> unfinishedPlans(Duration timeout) {
        return jdbc.query("""
                SELECT job_id, stage, inserted FROM (
                    SELECT s.job_id, s.stage, s.total_tasks,
                           (SELECT count(*) FROM app.tasks t WHERE t.parent_job_id = s.job_id AND t.stage = s.stage) AS inserted
                      FROM app.job_stages s JOIN app.jobs j ON j.job_id = s.job_id AND j.status = 'processing'
                                                           AND j.stage = s.stage
                     WHERE s.status = 'running' AND s.planned_at < now() - make_interval(secs => :timeout)) p
                 WHERE inserted < total_tasks""",
                new MapSqlParameterSource("timeout", (double) timeout.toSeconds()),
                (rs, i) -> new UnfinishedPlan(rs.getString("job_id"), rs.getInt("stage"), rs.getInt("inserted")));
    }

    /** A running job whose current stage has no open task left, so its counter can never reach zero. */
    public record StuckStage(String jobId, int stage, int remainingTasks, long failedTasks) {
    }

    public List<StuckStage> stagesThatCannotFinish() {
        return jdbc.query("""
                SELECT j.job_id, j.stage, s.remaining_tasks,
                       (SELECT count(*) FROM app.tasks f WHERE f.parent_job_id = j.job_id AND f.stage = j.stage
                           AND f.status = 'failed') AS failed
                  FROM app.jobs j JOIN app.job_stages s ON s.job_id = j.job_id AND s.stage = j.stage
                 WHERE j.status = 'processing' AND s.status = 'running'
                   AND (SELECT count(*) FROM app.tasks a WHERE a.parent_job_id = j.job_id AND a.stage = j.stage)
                       >= s.total_tasks
                   AND NOT EXISTS (SELECT 1 FROM app.tasks t WHERE t.parent_job_id = j.job_id AND t.stage = j.stage
                                      AND t.status IN ('queued', 'processing', 'interrupted'))""", Map.of(),
                (rs, i) -> new StuckStage(rs.getString("job_id"), rs.getInt("stage"), rs.getInt("remaining_tasks"),
                        rs.getLong("failed")));
    }

    private AbandonedTask map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AbandonedTask(rs.getString("task_id"), rs.getString("parent_job_id"), rs.getInt("stage"),
                rs.getString("stage_name"), rs.getString("task_type"), rs.getInt("task_index"), rs.getInt("attempts"),
                rs.getInt("max_attempts"), rs.getString("executed_by"), rs.getString("target_queue"));
    }
}
