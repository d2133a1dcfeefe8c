package org.geoetl.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * app.tasks: planning, claiming and the lifecycle of a task. Completion is the
 * {@link StageBarrier}'s (it moves the stage counter in the same statement); what the
 * janitor and the instance reaper take back is {@link TaskRecoveryRepository}'s; reads for the API
 * are {@link TaskViewRepository}'s.
 */
@Repository
public class TaskRepository {

    static final String DISPATCH_COLUMNS = "task_id, parent_job_id, stage, task_type, target_queue";

    /**
     * Every statement that changes many task rows locks them in id order first (claims and the
     * barrier do too), so two of them can only queue behind each other, never deadlock.
     */
    static final String IN_ID_ORDER = """
            WITH locked AS (SELECT task_id FROM app.tasks WHERE task_id IN (:ids) ORDER BY task_id FOR UPDATE)
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;

    public TaskRepository(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Inserts planned tasks as queued, in one statement (the rows travel as one JSON document: one
     * parameter to bind and parse, where a multi-row VALUES list has eleven per task); a task id
     * that exists already is left alone (re-planning is a no-op).
     */
    public void insertAll(List<NewTask> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>(tasks.size());
        for (NewTask t : tasks) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", t.taskId());
            row.put("job", t.jobId());
            row.put("job_type", t.jobType());
            row.put("type", t.taskType());
            row.put("stage", t.stage());
            row.put("name", t.stageName());
            row.put("idx", t.taskIndex());
            row.put("params", t.parameters());
            row.put("queue", t.targetQueue());
            row.put("max", t.maxAttempts());
            rows.add(row);
        }
        jdbc.update("""
                INSERT INTO app.tasks (task_id, parent_job_id, job_type, task_type, stage, stage_name, task_index,
                                       parameters, status, target_queue, max_attempts)
                SELECT r.id, r.job, r.job_type, r.type, r.stage, r.name, r.idx, COALESCE(r.params, '{}'), 'queued',
                       r.queue, r.max
                  FROM jsonb_to_recordset(CAST(:rows AS jsonb))
                       AS r(id text, job text, job_type text, type text, stage int, name text, idx int, params jsonb,
                            queue text, max int)
                 ORDER BY r.idx
                ON CONFLICT (task_id) DO NOTHING""", new MapSqlParameterSource("rows", json.write(rows)));
    }

    /**
     * Takes tasks for this worker in one statement, returned in task order. Claimable: a queued or
     * interrupted task; a processing task whose lease ran out (its worker died); or, with
     * {@code reclaimOwn}, a processing task this same worker instance took earlier but no longer
     * runs (its attempt died mid-way, e.g. on a database outage). Never a task of a job that is not
     * running, one whose attempts are used up, or one whose retry is not due yet. The attempt is
     * counted here, when the task starts. Rows are locked in id order, so two claims of overlapping
     * batches (a duplicate delivery) queue instead of deadlocking.
     */
    public List<ClaimedTask> claim(List<String> taskIds, String worker, Duration lease, boolean reclaimOwn) {
        return jdbc.query("""
                WITH locked AS (
                    SELECT task_id FROM app.tasks WHERE task_id IN (:ids) ORDER BY task_id FOR UPDATE
                )
                UPDATE app.tasks t
                   SET status = 'processing', attempts = t.attempts + 1, executed_by = :worker,
                       execution_started_at = now(), last_pulse = now(), updated_at = now(), next_attempt_at = NULL,
                       lease_expires_at = now() + make_interval(secs => :lease)
                  FROM locked l
                 WHERE t.task_id = l.task_id
                   AND t.attempts < t.max_attempts
                   AND (t.status IN ('queued', 'interrupted')
                        OR (t.status = 'processing'
                            AND (t.lease_expires_at < now() OR (:reclaimOwn AND t.executed_by = :worker))))
                   AND (t.next_attempt_at IS NULL OR t.next_attempt_at <= now() + interval '1 second')
                   -- no lock on the job row (claims would contend on it); a cancel or failure marks the
                   -- open tasks themselves, and a claim racing it waits on the task row and then finds it
                   -- cancelled
                   AND EXISTS (SELECT 1 FROM app.jobs j WHERE j.job_id = t.parent_job_id AND j.status = 'processing')
                RETURNING t.task_id, t.parent_job_id, t.job_type, t.task_type, t.stage, t.stage_name, t.task_index,
                          t.parameters::text AS params, t.attempts, t.max_attempts, t.checkpoint_phase,
                          t.checkpoint_data::text AS checkpoint,
                          (SELECT j.parameters::text FROM app.jobs j WHERE j.job_id = t.parent_job_id) AS job_params,
                          (SELECT j.definition_version FROM app.jobs j WHERE j.job_id = t.parent_job_id) AS definition_version""",
                new MapSqlParameterSource("ids", taskIds).addValue("worker", worker)
                        .addValue("lease", lease.toMillis() / 1000.0).addValue("reclaimOwn", reclaimOwn),
                (rs, i) -> new ClaimedTask(rs.getString("task_id"), rs.getString("parent_job_id"),
                        rs.getString("job_type"), rs.getString("task_type"), rs.getInt("stage"),
                        rs.getString("stage_name"), rs.getInt("task_index"), json.read(rs.getString("params")),
                        rs.getInt("attempts"), rs.getInt("max_attempts"), rs.getInt("checkpoint_phase"),
                        json.read(rs.getString("checkpoint")), json.read(rs.getString("job_params")),
                        (Integer) rs.getObject("definition_version")))
                .stream().sorted(Comparator.comparingInt(ClaimedTask::taskIndex)).toList();
    }

    /**
     * Renews the leases of the tasks this worker instance runs, in one statement. A row locked at
     * this moment is being completed or changed and is skipped (the next beat renews it, well within
     * the lease), so a heartbeat never waits on — or deadlocks with — a completion.
     */
    public void renewLeases(List<String> taskIds, String worker, Duration lease) {
        jdbc.update("""
                WITH mine AS (
                    SELECT task_id FROM app.tasks WHERE task_id IN (:ids) AND status = 'processing' AND executed_by = :me
                     ORDER BY task_id FOR UPDATE SKIP LOCKED
                )
                UPDATE app.tasks t SET last_pulse = now(), lease_expires_at = now() + make_interval(secs => :lease)
                  FROM mine WHERE t.task_id = mine.task_id""",
                new MapSqlParameterSource("ids", taskIds).addValue("me", worker)
                        .addValue("lease", lease.toMillis() / 1000.0));
    }

    /** A transient failure with attempts left: back to queued, due again at {@code dueAt}. */
    public boolean scheduleRetry(String taskId, String error, String errorType, OffsetDateTime dueAt) {
        return jdbc.update("""
                UPDATE app.tasks SET status = 'queued', error_details = :error, error_type = :type,
                       next_attempt_at = :due, lease_expires_at = NULL, updated_at = now()
                 WHERE task_id = :id AND status = 'processing'""",
                new MapSqlParameterSource("id", taskId).addValue("error", error).addValue("type", errorType)
                        .addValue("due", dueAt)) == 1;
    }

    /** The handlers stopped at a phase boundary, or never started (shutdown): resumable, checkpoints kept. */
    public int interrupt(List<String> taskIds) {
        return jdbc.update(IN_ID_ORDER + """
                UPDATE app.tasks t SET status = 'interrupted', lease_expires_at = NULL, updated_at = now()
                  FROM locked l WHERE t.task_id = l.task_id AND t.status = 'processing'""",
                Map.of("ids", taskIds));
    }

    /** Marks a running task failed; false if it was no longer running. */
    public boolean fail(String taskId, String error, String errorType) {
        return jdbc.update("""
                UPDATE app.tasks SET status = 'failed', error_details = :error, error_type = :type,
                       lease_expires_at = NULL, completed_at = now(), updated_at = now()
                 WHERE task_id = :id AND status = 'processing'""",
                new MapSqlParameterSource("id", taskId).addValue("error", error).addValue("type", errorType)) == 1;
    }

    /** Cancels every task of the job that has not started; returns how many. */
    public int cancelOpen(String jobId) {
        return jdbc.update("""
                WITH locked AS (
                    SELECT task_id FROM app.tasks WHERE parent_job_id = :job AND status IN ('queued', 'interrupted')
                     ORDER BY task_id FOR UPDATE
                )
                UPDATE app.tasks t SET status = 'cancelled', updated_at = now()
                  FROM locked l WHERE t.task_id = l.task_id AND t.status IN ('queued', 'interrupted')""",
                Map.of("job", jobId));
    }

    /** Claimed tasks of a batch that will not run because their job ended meanwhile. */
    public int cancelClaimed(List<String> taskIds, String reason) {
        return jdbc.update(IN_ID_ORDER + """
                UPDATE app.tasks t SET status = 'cancelled', lease_expires_at = NULL, error_details = :why,
                       updated_at = now()
                  FROM locked l WHERE t.task_id = l.task_id AND t.status = 'processing'""",
                Map.of("ids", taskIds, "why", reason));
    }

    /**
     * Re-queues the failed (and cancelled) tasks of one stage with {@code extraAttempts} more
     * attempts each; returns them for dispatch.
     */
    public List<DispatchRow> requeueFailed(String jobId, int stage, int extraAttempts) {
        return jdbc.query("""
                UPDATE app.tasks SET status = 'queued', next_attempt_at = NULL, lease_expires_at = NULL,
                       max_attempts = attempts + :extra, updated_at = now()
                 WHERE parent_job_id = :id AND stage = :stage AND status IN ('failed', 'cancelled', 'interrupted')
                RETURNING\s""" + DISPATCH_COLUMNS,
                new MapSqlParameterSource("id", jobId).addValue("stage", stage).addValue("extra", extraAttempts),
                TaskRepository::dispatchRow);
    }

    /** Result documents of the completed tasks of one stage, in task order. */
    public List<JsonNode> completedResults(String jobId, int stage) {
        return jdbc.query("""
                SELECT result_data::text AS r FROM app.tasks
                 WHERE parent_job_id = :job AND stage = :stage AND status = 'completed'
                 ORDER BY task_index""",
                new MapSqlParameterSource("job", jobId).addValue("stage", stage), (rs, i) -> json.read(rs.getString("r")));
    }

    /** The queued tasks of a stage, in task order, for re-sending their messages. */
    public List<DispatchRow> queued(String jobId, int stage) {
        return jdbc.query("SELECT " + DISPATCH_COLUMNS + " FROM app.tasks"
                        + " WHERE parent_job_id = :job AND stage = :stage AND status = 'queued' ORDER BY task_index",
                new MapSqlParameterSource("job", jobId).addValue("stage", stage), TaskRepository::dispatchRow);
    }

    /** How many tasks of a stage have been inserted so far (planning inserts them in index order, in chunks). */
    public int countInStage(String jobId, int stage) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM app.tasks WHERE parent_job_id = :job AND stage = :stage",
                new MapSqlParameterSource("job", jobId).addValue("stage", stage), Integer.class);
        return n == null ? 0 : n;
    }

    /** Deletes every task of a job (a new attempt from scratch); returns how many. */
    public int deleteAll(String jobId) {
        return jdbc.update("DELETE FROM app.tasks WHERE parent_job_id = :id", Map.of("id", jobId));
    }

    public long countAll(String jobId) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM app.tasks WHERE parent_job_id = :id", Map.of("id", jobId),
                Long.class);
        return n == null ? 0 : n;
    }

    static DispatchRow dispatchRow(ResultSet rs, int row) throws SQLException {
        return new DispatchRow(rs.getString("task_id"), rs.getString("parent_job_id"), rs.getInt("stage"),
                rs.getString("task_type"), rs.getString("target_queue"));
    }
}
