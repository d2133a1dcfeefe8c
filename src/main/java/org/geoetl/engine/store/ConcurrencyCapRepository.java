package org.geoetl.engine.store;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** app.task_type_limits, and the per-type lock and count a claim under a cap needs. */
@Repository
public class ConcurrencyCapRepository {

    private final NamedParameterJdbcTemplate jdbc;

    public ConcurrencyCapRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Integer> all() {
        Map<String, Integer> limits = new HashMap<>();
        jdbc.query("SELECT task_type, max_concurrency FROM app.task_type_limits",
                rs -> {
                    limits.put(rs.getString(1), rs.getInt(2));
                });
        return limits;
    }

    /**
     * Takes the type's lock for the surrounding transaction and counts its running tasks, so
     * concurrent claims under one cap cannot overshoot it.
     */
    public long lockAndCountRunning(String taskType) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('geoetl-cap:' || :type))", Map.of("type", taskType),
                Object.class);
        Long running = jdbc.queryForObject("SELECT count(*) FROM app.tasks WHERE task_type = :type AND status = 'processing'",
                Map.of("type", taskType), Long.class);
        return running == null ? 0 : running;
    }

    public void set(String taskType, Integer cap) {
        if (cap == null) {
            jdbc.update("DELETE FROM app.task_type_limits WHERE task_type = :type", Map.of("type", taskType));
        } else {
            jdbc.update("""
                    INSERT INTO app.task_type_limits (task_type, max_concurrency) VALUES (:type, :cap)
                    ON CONFLICT (task_type) DO UPDATE SET max_concurrency = :cap, updated_at = now()""",
                    new MapSqlParameterSource("type", taskType).addValue("cap", cap));
        }
    }
}
