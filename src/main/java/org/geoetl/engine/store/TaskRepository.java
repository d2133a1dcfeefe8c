package org.geoetl.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/** app.tasks. Completion lives in {@link org.geoetl.engine.StageBarrier}, not here. */
@Repository
public class TaskRepository {

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;

    public TaskRepository(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts planned tasks as queued; a task id that exists already is left alone (re-planning is a no-op). */
    public void insertAll(List<NewTask> tasks) {
        SqlParameterSource[] rows = tasks.stream().map(t -> new MapSqlParameterSource("id", t.taskId())
                .addValue("job", t.jobId()).addValue("jobType", t.jobType()).addValue("type", t.taskType())
                .addValue("stage", t.stage()).addValue("name", t.stageName()).addValue("idx", t.taskIndex())
                .addValue("params", json.write(t.parameters())).addValue("queue", t.targetQueue())
                .addValue("max", t.maxAttempts())).toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate("""
                INSERT INTO app.tasks (task_id, parent_job_id, job_type, task_type, stage, stage_name, task_index,
                                       parameters, status, target_queue, max_attempts)
                VALUES (:id, :job, :jobType, :type, :stage, :name, :idx, CAST(:params AS jsonb), 'queued', :queue, :max)
                ON CONFLICT (task_id) DO NOTHING""", rows);
    }

    /**
     * Takes a task for this worker. Claimable: a queued, pending or interrupted task; a processing
     * task whose lease ran out (its worker died); or, with {@code reclaimOwn}, a processing task
     * this same worker took earlier but no longer runs (its attempt died mid-way, e.g. on a database
     * outage). Never a task of a job that is not running, one whose attempts are used up, or one
     * whose retry is not due yet. The attempt is counted here, when the task starts.
     */
    public Optional<ClaimedTask> claim(String taskId, String worker, Duration lease, boolean reclaimOwn) {
        return jdbc.query("""
                UPDATE app.tasks t
                   SET status = 'processing', attempts = t.attempts + 1, executed_by = :worker,
                       execution_started_at = now(), last_pulse = now(), updated_at = now(), next_attempt_at = NULL,
                       lease_expires_at = now() + make_interval(secs => :lease)
                 WHERE t.task_id = :id
                   AND t.attempts < t.max_attempts
                   AND (t.status IN ('queued', 'pending', 'interrupted')
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
                          (SELECT j.parameters::text FROM app.jobs j WHERE j.job_id = t.parent_job_id) AS job_params""",
                new MapSqlParameterSource("id", taskId).addValue("worker", worker)
                        .addValue("lease", (double) lease.toSeconds()).addValue("reclaimOwn", reclaimOwn),
                (rs, i) -> new ClaimedTask(rs.getString("task_id"), rs.getString("parent_job_id"),
                        rs.getString("job_type"), rs.getString("task_type"), rs.getInt("stage"),
                        rs.getString("stage_name"), rs.getInt("task_index"), json.read(rs.getString("params")),
                        rs.getInt("attempts"), rs.getInt("max_attempts"), rs.getInt("checkpoint_phase"),
                        json.read(rs.getString("checkpoint")), json.read(rs.getString("job_params"))))
                .stream().findFirst();
    }

    /** A transient failure with attempts left: back to queued, due again at {@code dueAt}. */
    public boolean scheduleRetry(String taskId, String error, String errorType, java.time.OffsetDateTime dueAt) {
        return jdbc.update("""
                UPDATE app.tasks SET status = 'queued', error_details = :error, error_type = :type,
                       next_attempt_at = :due, lease_expires_at = NULL, updated_at = now()
                 WHERE task_id = :id AND status = 'processing'""",
                new MapSqlParameterSource("id", taskId).addValue("error", error).addValue("type", errorType)
                        .addValue("due", dueAt)) == 1;
    }

    /** The handler stopped at a phase boundary (shutdown): resumable, its checkpoint kept. */
    public boolean interrupt(String taskId) {
        return jdbc.update("""
                UPDATE app.tasks SET status = 'interrupted', lease_expires_at = NULL, updated_at = now()
                 WHERE task_id = :id AND status = 'processing'""", Map.of("id", taskId)) == 1;
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
                UPDATE app.tasks SET status = 'cancelled', updated_at = now()
                 WHERE parent_job_id = :job AND status IN ('pending', 'queued', 'interrupted')""",
                Map.of("job", jobId));
    }

    /** Result documents of the completed tasks of one stage, in task order. */
    public List<JsonNode> completedResults(String jobId, int stage) {
        return jdbc.query("""
                SELECT result_data::text AS r FROM app.tasks
                 WHERE parent_job_id = :job AND stage = :stage AND status = 'completed'
                 ORDER BY task_index""",
                new MapSqlParameterSource("job", jobId).addValue("stage", stage), (rs, i) -> json.read(rs.getString("r")));
    }

    /** Ids and queues of the tasks of a stage still waiting for a message (for re-sending). */
    public List<Map<String, Object>> waiting(String jobId, int stage) {
        return jdbc.queryForList("""
                SELECT task_id, task_type, target_queue FROM app.tasks
                 WHERE parent_job_id = :job AND stage = :stage AND status IN ('pending', 'queued')
                 ORDER BY task_index""", new MapSqlParameterSource("job", jobId).addValue("stage", stage));
    }

    public Optional<TaskView> find(String taskId) {
        return jdbc.query(SELECT_VIEW + " WHERE task_id = :id", Map.of("id", taskId), this::view).stream().findFirst();
    }

    public List<TaskView> list(String jobId, String status, Integer stage, int limit, int offset) {
        return jdbc.query(SELECT_VIEW + "\n" + """
                 WHERE parent_job_id = :job
                   AND (CAST(:status AS text) IS NULL OR status = :status)
                   AND (CAST(:stage AS int) IS NULL OR stage = :stage)
                 ORDER BY stage, task_index LIMIT :limit OFFSET :offset""",
                new MapSqlParameterSource("job", jobId).addValue("status", status).addValue("stage", stage)
                        .addValue("limit", limit).addValue("offset", offset), this::view);
    }

    /** Task counts per (stage, status, task type). */
    public List<Map<String, Object>> summary(String jobId) {
        return jdbc.queryForList("""
                SELECT stage, status, task_type, count(*) AS n FROM app.tasks
                 WHERE parent_job_id = :job GROUP BY stage, status, task_type ORDER BY stage""", Map.of("job", jobId));
    }

    private static final String SELECT_VIEW = """
            SELECT task_id, task_type, stage, stage_name, task_index, status, attempts, target_queue, executed_by,
                   parameters::text AS params, result_data::text AS result, error_details, error_type,
                   checkpoint_phase, progress::text AS progress, execution_started_at, completed_at,
                   created_at, updated_at
              FROM app.tasks""";

    private TaskView view(ResultSet rs, int row) throws SQLException {
        return new TaskView(rs.getString("task_id"), rs.getString("task_type"), rs.getInt("stage"),
                rs.getString("stage_name"), rs.getInt("task_index"), rs.getString("status"), rs.getInt("attempts"),
                rs.getString("target_queue"), rs.getString("executed_by"), json.read(rs.getString("params")),
                json.read(rs.getString("result")), rs.getString("error_details"), rs.getString("error_type"),
                rs.getInt("checkpoint_phase"), json.read(rs.getString("progress")),
                rs.getObject("execution_started_at", OffsetDateTime.class),
                rs.getObject("completed_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
