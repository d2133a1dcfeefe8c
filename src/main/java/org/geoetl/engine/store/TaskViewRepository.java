package org.geoetl.engine.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geoetl.engine.state.TaskStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads of app.tasks for the API and for the engine's lost-signal check (no writes). */
@Repository
public class TaskViewRepository {

    private static final String SELECT_VIEW = """
            SELECT task_id, task_type, stage, stage_name, task_index, status, attempts, target_queue, executed_by,
                   parameters::text AS params, result_data::text AS result, error_details, error_type,
                   checkpoint_phase, progress::text AS progress, execution_started_at, completed_at,
                   created_at, updated_at
              FROM app.tasks""";

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;

    public TaskViewRepository(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<TaskView> find(String taskId) {
        return jdbc.query(SELECT_VIEW + " WHERE task_id = :id", Map.of("id", taskId), this::view).stream().findFirst();
    }

    /** Whether any of these tasks is completed (a duplicate delivery of finished work). */
    public boolean anyCompleted(List<String> taskIds) {
        Boolean any = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM app.tasks WHERE task_id IN (:ids)"
                + " AND status = 'completed')", Map.of("ids", taskIds), Boolean.class);
        return Boolean.TRUE.equals(any);
    }

    public List<TaskView> list(String jobId, TaskStatus status, Integer stage, int limit, int offset) {
        return jdbc.query(SELECT_VIEW + "\n" + """
                 WHERE parent_job_id = :job
                   AND (CAST(:status AS text) IS NULL OR status = :status)
                   AND (CAST(:stage AS int) IS NULL OR stage = :stage)
                 ORDER BY stage, task_index LIMIT :limit OFFSET :offset""",
                new MapSqlParameterSource("job", jobId).addValue("status", status == null ? null : status.sql())
                        .addValue("stage", stage).addValue("limit", limit).addValue("offset", offset), this::view);
    }

    /** Task counts per (stage, status, task type). */
    public List<Map<String, Object>> summary(String jobId) {
        return jdbc.queryForList("""
                SELECT stage, status, task_type, count(*) AS n FROM app.tasks
                 WHERE parent_job_id = :job GROUP BY stage, status, task_type ORDER BY stage""", Map.of("job", jobId));
    }

    /**
     * A job's tasks grouped by stage and status, for the progress model: counts, completions since
     * {@code since}, attempts, the running tasks' reported percent and the earliest start.
     */
    public List<StageSample> progressSamples(String jobId, java.time.Instant since) {
        return jdbc.query("""
                SELECT stage, min(stage_name) AS stage_name, min(task_type) AS task_type, status, count(*) AS n,
                       count(*) FILTER (WHERE status = 'completed' AND completed_at >= :since) AS recent,
                       coalesce(sum(attempts), 0) AS attempts,
                       coalesce(sum((progress->>'percent')::numeric) FILTER (WHERE status = 'processing'), 0) AS running_pct,
                       min(execution_started_at) AS first_started
                  FROM app.tasks WHERE parent_job_id = :job GROUP BY stage, status ORDER BY stage""",
                new MapSqlParameterSource("job", jobId).addValue("since", java.sql.Timestamp.from(since)),
                (rs, i) -> new StageSample(rs.getInt("stage"), rs.getString("stage_name"),
                        rs.getString("task_type"), rs.getString("status"), rs.getLong("n"), rs.getLong("recent"),
                        rs.getLong("attempts"), rs.getDouble("running_pct"), instant(rs, "first_started")));
    }

    /** A job's running tasks with their reported progress, in stage and task order. */
    public List<RunningTask> running(String jobId, int limit) {
        return jdbc.query("""
                SELECT task_id, stage, task_type, executed_by, execution_started_at, progress::text AS progress
                  FROM app.tasks WHERE parent_job_id = :job AND status = 'processing'
                 ORDER BY stage, task_index LIMIT :limit""",
                new MapSqlParameterSource("job", jobId).addValue("limit", limit), (rs, i) -> {
                    com.fasterxml.jackson.databind.JsonNode p = json.read(rs.getString("progress"));
                    boolean has = p != null && p.isObject();
                    return new RunningTask(rs.getString("task_id"), rs.getInt("stage"),
                            rs.getString("task_type"), has && p.has("percent") ? p.get("percent").asInt() : null,
                            has && p.has("message") ? p.get("message").asText() : null,
                            has && p.has("items_done") ? p.get("items_done").asLong() : null,
                            has && p.has("items_total") ? p.get("items_total").asLong() : null,
                            rs.getString("executed_by"), instant(rs, "execution_started_at"),
                            has && p.has("updated_at") ? OffsetDateTime.parse(p.get("updated_at").asText()).toInstant() : null);
                });
    }

    private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private TaskView view(ResultSet rs, int row) throws SQLException {
        return new TaskView(rs.getString("task_id"), rs.getString("task_type"), rs.getInt("stage"),
                rs.getString("stage_name"), rs.getInt("task_index"), TaskStatus.of(rs.getString("status")),
                rs.getInt("attempts"), rs.getString("target_queue"), rs.getString("executed_by"),
                json.read(rs.getString("params")), json.read(rs.getString("result")), rs.getString("error_details"),
                rs.getString("error_type"), rs.getInt("checkpoint_phase"), json.read(rs.getString("progress")),
                rs.getObject("execution_started_at", OffsetDateTime.class),
                rs.getObject("completed_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
