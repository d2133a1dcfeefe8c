package org.geoetl.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geoetl.engine.state.JobStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * app.jobs (and, for a new attempt, the job's stages). Status changes are guarded in SQL so a
 * terminal job is never moved by a late message. The error history entry of an attempt is built
 * from the row itself, in one place ({@link #HISTORY}).
 */
@Repository
public class JobRepository {

    private static final String COLUMNS = "job_id, job_type, parameters::text AS parameters, status, stage, total_stages,"
            + " metadata::text AS metadata, result_data::text AS result_data, error_details, attempt,"
            + " created_at, updated_at, started_at, completed_at, definition_version";

    /** The ending of the current attempt, appended to metadata.error_history when another starts. */
    private static final String HISTORY = """
            metadata = jsonb_set(metadata, '{error_history}', COALESCE(metadata->'error_history', '[]'::jsonb)
                       || jsonb_build_array(jsonb_build_object('attempt', attempt, 'status', status,
                              'failed_stage', stage, 'error', error_details, 'ended_at', completed_at)))""";

    /** A running job and the stage it is on. */
    public record JobStage(String jobId, int stage) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;
    private final RowMapper<JobRecord> mapper;

    public JobRepository(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = this::map;
    }

    /** Inserts a queued job; false when a job with this id already exists. */
    public boolean insertIfAbsent(String jobId, String jobType, JsonNode parameters, int totalStages, JsonNode metadata) {
        return insertIfAbsent(jobId, jobType, null, parameters, totalStages, metadata);
    }

    /** As above, for a pipeline: the job records the definition version it runs (null: a built-in). */
    public boolean insertIfAbsent(String jobId, String jobType, Integer definitionVersion, JsonNode parameters,
                                  int totalStages, JsonNode metadata) {
        return jdbc.update("""
                INSERT INTO app.jobs (job_id, job_type, definition_version, parameters, total_stages, metadata)
                VALUES (:id, :type, :version, CAST(:params AS jsonb), :stages, CAST(:meta AS jsonb))
                ON CONFLICT (job_id) DO NOTHING""",
                new MapSqlParameterSource("id", jobId).addValue("type", jobType).addValue("version", definitionVersion)
                        .addValue("params", json.write(parameters)).addValue("stages", totalStages)
                        .addValue("meta", json.write(metadata))) == 1;
    }

    /** Who submitted the job (recorded in its metadata at submit). */
    public Optional<String> submittedBy(String jobId) {
        return jdbc.queryForList("SELECT metadata->>'submitted_by' FROM app.jobs WHERE job_id = :id",
                Map.of("id", jobId), String.class).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** The submitter's roles when the job was submitted. */
    public List<String> submitterRoles(String jobId) {
        return jdbc.queryForList("SELECT jsonb_array_elements_text(metadata->'submitter_roles') FROM app.jobs"
                + " WHERE job_id = :id", Map.of("id", jobId), String.class);
    }

    public Optional<JobRecord> find(String jobId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.jobs WHERE job_id = :id", Map.of("id", jobId), mapper)
                .stream().findFirst();
    }

    /** Reads the job and locks its row until the surrounding transaction ends. */
    public Optional<JobRecord> lock(String jobId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.jobs WHERE job_id = :id FOR UPDATE", Map.of("id", jobId), mapper)
                .stream().findFirst();
    }

    /**
     * Puts the job back to queued for a new attempt from stage 1 (attempt + 1, the ending of the
     * previous attempt kept in metadata.error_history); see {@link org.geoetl.engine.JobAttempts},
     * which also clears its tasks and stages. {@code parameters} replace the stored ones when given (a
     * new submission may differ in keys left out of the id). Only an ended job, unless {@code evenIfRunning}.
     */
    public boolean resetForNewAttempt(String jobId, JsonNode parameters, boolean evenIfRunning) {
        int updated = jdbc.update("UPDATE app.jobs SET " + HISTORY + """
                       , status = 'queued', stage = 0, attempt = attempt + 1, result_data = NULL,
                       parameters = COALESCE(CAST(:params AS jsonb), parameters),
                       error_details = NULL, started_at = NULL, completed_at = NULL, updated_at = now()
                 WHERE job_id = :id AND (:any OR status IN ('failed', 'cancelled'))""",
                new MapSqlParameterSource("id", jobId).addValue("any", evenIfRunning)
                        .addValue("params", parameters == null ? null : json.write(parameters)));
        return updated == 1;
    }

    /** A failed job continues its current stage (retry of the failed tasks); the failure goes to the history. */
    public boolean reopen(String jobId) {
        return jdbc.update("UPDATE app.jobs SET " + HISTORY + """
                       , status = 'processing', error_details = NULL, completed_at = NULL, result_data = NULL,
                       updated_at = now()
                 WHERE job_id = :id AND status = 'failed'""", Map.of("id", jobId)) == 1;
    }

    /**
     * True while the job has not ended, holding a share lock on its row until the caller's
     * transaction ends (ending the job waits for the caller's writes to commit).
     */
    public boolean shareLockIfRunning(String jobId) {
        List<String> status = jdbc.queryForList("SELECT status FROM app.jobs WHERE job_id = :job FOR SHARE",
                Map.of("job", jobId), String.class);
        return !status.isEmpty() && !JobStatus.of(status.get(0)).isTerminal();
    }

    public void startStage(String jobId, int stage) {
        jdbc.update("""
                UPDATE app.jobs SET status = 'processing', stage = :stage, updated_at = now(),
                       started_at = COALESCE(started_at, now())
                 WHERE job_id = :id AND status IN ('queued', 'processing')""",
                new MapSqlParameterSource("id", jobId).addValue("stage", stage));
    }

    public boolean complete(String jobId, JsonNode result) {
        return jdbc.update("""
                UPDATE app.jobs SET status = 'completed', result_data = CAST(:result AS jsonb),
                       completed_at = now(), updated_at = now()
                 WHERE job_id = :id AND status = 'processing'""",
                new MapSqlParameterSource("id", jobId).addValue("result", json.write(result))) == 1;
    }

    /** Fails a job that is still running; false when it already ended (the first ending wins). */
    public boolean fail(String jobId, String error, JsonNode partialResult) {
        return jdbc.update("""
                UPDATE app.jobs SET status = 'failed', error_details = :error, result_data = CAST(:result AS jsonb),
                       completed_at = now(), updated_at = now()
                 WHERE job_id = :id AND status IN ('queued', 'processing')""",
                new MapSqlParameterSource("id", jobId).addValue("error", error)
                        .addValue("result", json.write(partialResult))) == 1;
    }

    /**
     * Cancels a job that has not ended. Its completion time is read with clock_timestamp(), after
     * the caller cancelled the open tasks (waiting for in-flight claims), so every task that started
     * is older than it.
     */
    public boolean cancel(String jobId, String why) {
        return jdbc.update("""
                UPDATE app.jobs SET status = 'cancelled', error_details = :why, completed_at = clock_timestamp(),
                       updated_at = now()
                 WHERE job_id = :id AND status IN ('queued', 'processing')""", Map.of("id", jobId, "why", why)) == 1;
    }

    public boolean delete(String jobId) {
        return jdbc.update("DELETE FROM app.jobs WHERE job_id = :id", Map.of("id", jobId)) == 1;
    }

    /** Running jobs whose current stage finished more than {@code timeout} ago (a lost stage_complete). */
    public List<JobStage> waitingOnFinishedStage(Duration timeout) {
        return jdbc.query("""
                SELECT j.job_id, j.stage FROM app.jobs j
                  JOIN app.job_stages s ON s.job_id = j.job_id AND s.stage = j.stage
                 WHERE j.status = 'processing' AND s.status = 'completed'
                   AND s.completed_at < now() - make_interval(secs => :timeout)""",
                new MapSqlParameterSource("timeout", (double) timeout.toSeconds()),
                (rs, i) -> new JobStage(rs.getString("job_id"), rs.getInt("stage")));
    }

    /** Queued jobs never planned for more than {@code timeout} (a lost job_submit). */
    public List<String> neverPlanned(Duration timeout) {
        return jdbc.queryForList("""
                SELECT job_id FROM app.jobs WHERE status = 'queued' AND stage = 0
                   AND updated_at < now() - make_interval(secs => :timeout)""",
                new MapSqlParameterSource("timeout", (double) timeout.toSeconds()), String.class);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> parametersAsMap(JobRecord job) {
        return json.mapper().convertValue(job.parameters(), Map.class);
    }

    public List<JobRecord> list(JobStatus status, String jobType, int limit, int offset) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.jobs"
                        + " WHERE (CAST(:status AS text) IS NULL OR status = :status)"
                        + "   AND (CAST(:type AS text) IS NULL OR job_type = :type)"
                        + " ORDER BY created_at DESC, job_id LIMIT :limit OFFSET :offset",
                filter(status, jobType).addValue("limit", limit).addValue("offset", offset), mapper);
    }

    /** Jobs queued or running, and jobs that ended since {@code endedSince}, oldest first. */
    public List<String> activeOrEndedSince(java.time.Instant endedSince) {
        return jdbc.queryForList("""
                SELECT job_id FROM app.jobs
                 WHERE status IN ('queued', 'processing') OR completed_at >= :since ORDER BY created_at""",
                Map.of("since", java.sql.Timestamp.from(endedSince)), String.class);
    }

    /** How many jobs there are in each status (statuses without jobs are absent). */
    public Map<String, Long> countsByStatus() {
        Map<String, Long> out = new java.util.HashMap<>();
        jdbc.query("SELECT status, count(*) AS n FROM app.jobs GROUP BY status", Map.of(),
                rs -> { out.put(rs.getString("status"), rs.getLong("n")); });
        return out;
    }

    public long count(JobStatus status, String jobType) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM app.jobs"
                + " WHERE (CAST(:status AS text) IS NULL OR status = :status)"
                + "   AND (CAST(:type AS text) IS NULL OR job_type = :type)", filter(status, jobType), Long.class);
        return n == null ? 0 : n;
    }

    private static MapSqlParameterSource filter(JobStatus status, String jobType) {
        return new MapSqlParameterSource("status", status == null ? null : status.sql()).addValue("type", jobType);
    }

    private JobRecord map(ResultSet rs, int row) throws SQLException {
        return new JobRecord(rs.getString("job_id"), rs.getString("job_type"), json.read(rs.getString("parameters")),
                JobStatus.of(rs.getString("status")), rs.getInt("stage"), rs.getInt("total_stages"),
                json.read(rs.getString("metadata")), json.read(rs.getString("result_data")),
                rs.getString("error_details"), rs.getInt("attempt"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("started_at", OffsetDateTime.class), rs.getObject("completed_at", OffsetDateTime.class),
                (Integer) rs.getObject("definition_version"));
    }
}
