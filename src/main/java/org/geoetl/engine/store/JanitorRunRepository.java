package org.geoetl.engine.store;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** app.janitor_runs, and the advisory lock that keeps janitor runs one at a time across instances. */
@Repository
public class JanitorRunRepository {

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;

    public JanitorRunRepository(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Takes the janitor lock for the surrounding transaction; false when another run holds it. */
    public boolean tryLock() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext('geoetl-janitor'))",
                Map.of(), Boolean.class));
    }

    public Long record(String trigger, long durationMs, int fixed, Map<String, Object> actions) {
        return record("janitor", trigger, durationMs, fixed, actions);
    }

    /** A completed maintenance run of {@code runType} (janitor, metadata_consistency …). */
    public Long record(String runType, String trigger, long durationMs, int fixed, Object actions) {
        return jdbc.queryForObject("""
                INSERT INTO app.janitor_runs (run_type, trigger, started_at, completed_at, duration_ms, status, items_fixed,
                       actions)
                VALUES (:type, :trigger, now(), now(), :ms, 'completed', :fixed, CAST(:actions AS jsonb)) RETURNING run_id""",
                new MapSqlParameterSource("type", runType).addValue("trigger", trigger).addValue("ms", durationMs)
                        .addValue("fixed", fixed).addValue("actions", json.write(actions)), Long.class);
    }

    public List<Map<String, Object>> recent(int limit) {
        return jdbc.queryForList("""
                SELECT run_id, run_type, trigger, started_at, duration_ms, status, items_fixed, actions::text AS actions
                  FROM app.janitor_runs ORDER BY run_id DESC LIMIT :limit""", Map.of("limit", limit));
    }
}
