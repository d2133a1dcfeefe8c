package org.geoetl.engine.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * app.job_events, the job timeline. Written inside the transaction of the change it describes,
 * so the timeline never claims something that was rolled back.
 */
@Repository
public class EventRepository {

    public record Event(long eventId, String jobId, String taskId, Integer stage, String eventType,
                        String eventStatus, Object eventData, String errorMessage, Long durationMs,
                        OffsetDateTime createdAt) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;

    public EventRepository(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(String jobId, String taskId, Integer stage, String type, String status,
                       Object data, String error, Long durationMs) {
        jdbc.update("""
                INSERT INTO app.job_events (job_id, task_id, stage, event_type, event_status, event_data,
                                            error_message, duration_ms)
                VALUES (:job, :task, :stage, :type, :status, CAST(:data AS jsonb), :error, :duration)""",
                new MapSqlParameterSource("job", jobId).addValue("task", taskId).addValue("stage", stage)
                        .addValue("type", type).addValue("status", status)
                        .addValue("data", json.write(data == null ? Map.of() : data))
                        .addValue("error", error).addValue("duration", durationMs));
    }

    public List<Event> list(String jobId, String eventType, long afterEventId, int limit) {
        return jdbc.query("""
                SELECT event_id, job_id, task_id, stage, event_type, event_status, event_data::text AS data,
                       error_message, duration_ms, created_at
                  FROM app.job_events
                 WHERE job_id = :job AND event_id > :after
                   AND (CAST(:type AS text) IS NULL OR event_type = :type)
                 ORDER BY event_id LIMIT :limit""",
                new MapSqlParameterSource("job", jobId).addValue("type", eventType)
                        .addValue("after", afterEventId).addValue("limit", limit),
                (rs, i) -> new Event(rs.getLong("event_id"), rs.getString("job_id"), rs.getString("task_id"),
                        (Integer) rs.getObject("stage"), rs.getString("event_type"), rs.getString("event_status"),
                        json.read(rs.getString("data")), rs.getString("error_message"),
                        (Long) rs.getObject("duration_ms"), rs.getObject("created_at", OffsetDateTime.class)));
    }
}
