package org.geoetl.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** app.jobs. Status changes are guarded in SQL so a terminal job is never moved by a late message. */
@Repository
public class JobRepository {

    private static final String COLUMNS = "job_id, job_type, parameters::text AS parameters, status, stage, total_stages,"
            + " metadata::text AS metadata, result_data::text AS result_data, error_details, attempt,"
            + " created_at, updated_at, started_at, completed_at";

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
        return jdbc.update("""
                INSERT INTO app.jobs (job_id, job_type, parameters, total_stages, metadata)
                VALUES (:id, :type, CAST(:params AS jsonb), :stages, CAST(:meta AS jsonb))
                ON CONFLICT (job_id) DO NOTHING""",
                new MapSqlParameterSource("id", jobId).addValue("type", jobType)
                        .addValue("params", json.write(parameters)).addValue("stages", totalStages)
                        .addValue("meta", json.write(metadata))) == 1;
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
     * Puts a failed or cancelled job back to queued for a new attempt, keeping its old error in
     * metadata.error_history; its tasks and stages are deleted so the new attempt starts clean. The
     * parameters are replaced by the new submission's (they differ at most in keys left out of the id).
     */
    public boolean resetForNewAttempt(String jobId, JsonNode parameters, JsonNode historyEntry) {
        int updated = jdbc.update("""
                UPDATE app.jobs SET status = 'queued', stage = 0, attempt = attempt + 1, result_data = NULL,
                       parameters = CAST(:params AS jsonb),
                       error_details = NULL, started_at = NULL, completed_at = NULL, updated_at = now(),
                       metadata = jsonb_set(metadata, '{error_history}',
                                  COALESCE(metadata->'error_history', '[]'::jsonb) || CAST(:entry AS jsonb))
                 WHERE job_id = :id AND status IN ('failed', 'cancelled')""",
                new MapSqlParameterSource("id", jobId).addValue("entry", json.write(List.of(historyEntry)))
                        .addValue("params", json.write(parameters)));
        if (updated == 1) {
            jdbc.update("DELETE FROM app.tasks WHERE parent_job_id = :id", Map.of("id", jobId));
            jdbc.update("DELETE FROM app.job_stages WHERE job_id = :id", Map.of("id", jobId));
        }
        return updated == 1;
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

    @SuppressWarnings("unchecked")
    public Map<String, Object> parametersAsMap(JobRecord job) {
        return json.mapper().convertValue(job.parameters(), Map.class);
    }

    public List<JobRecord> list(String status, String jobType, int limit, int offset) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.jobs"
                        + " WHERE (CAST(:status AS text) IS NULL OR status = :status)"
                        + "   AND (CAST(:type AS text) IS NULL OR job_type = :type)"
                        + " ORDER BY created_at DESC, job_id LIMIT :limit OFFSET :offset",
                filter(status, jobType).addValue("limit", limit).addValue("offset", offset), mapper);
    }

    public long count(String status, String jobType) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM app.jobs"
                + " WHERE (CAST(:status AS text) IS NULL OR status = :status)"
                + "   AND (CAST(:type AS text) IS NULL OR job_type = :type)", filter(status, jobType), Long.class);
        return n == null ? 0 : n;
    }

    private static MapSqlParameterSource filter(String status, String jobType) {
        return new MapSqlParameterSource("status", status).addValue("type", jobType);
    }

    private JobRecord map(ResultSet rs, int row) throws SQLException {
        return new JobRecord(rs.getString("job_id"), rs.getString("job_type"), json.read(rs.getString("parameters")),
                rs.getString("status"), rs.getInt("stage"), rs.getInt("total_stages"),
                json.read(rs.getString("metadata")), json.read(rs.getString("result_data")),
                rs.getString("error_details"), rs.getInt("attempt"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("started_at", OffsetDateTime.class), rs.getObject("completed_at", OffsetDateTime.class));
    }
}
