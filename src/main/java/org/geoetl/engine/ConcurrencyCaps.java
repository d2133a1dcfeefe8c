package org.geoetl.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.geoetl.engine.store.ClaimedTask;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Caps on how many tasks of a type run at once across all workers ({@code app.task_type_limits},
 * set through the operator API). Under a cap, claiming takes a per-type advisory lock and counts
 * the running tasks first, so concurrent workers cannot overshoot it. Limits are re-read at most
 * once a second.
 */
@Component
public class ConcurrencyCaps {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private volatile Map<String, Integer> limits = Map.of();
    private volatile long loadedAt;

    public ConcurrencyCaps(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public Optional<Integer> capFor(String taskType) {
        if (System.currentTimeMillis() - loadedAt > 1000) {
            Map<String, Integer> fresh = new HashMap<>();
            jdbc.query("SELECT task_type, max_concurrency FROM app.task_type_limits",
                    rs -> {
                        fresh.put(rs.getString(1), rs.getInt(2));
                    });
            limits = Map.copyOf(fresh);
            loadedAt = System.currentTimeMillis();
        }
        return Optional.ofNullable(limits.get(taskType));
    }

    /** Claims through {@code claim} unless {@code cap} tasks of the type already run; empty = at the cap. */
    public Optional<Optional<ClaimedTask>> claimUnderCap(String taskType, int cap, Supplier<Optional<ClaimedTask>> claim) {
        return tx.execute(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('geoetl-cap:' || :type))",
                    Map.of("type", taskType), Object.class);
            Long running = jdbc.queryForObject(
                    "SELECT count(*) FROM app.tasks WHERE task_type = :type AND status = 'processing'",
                    Map.of("type", taskType), Long.class);
            if (running != null && running >= cap) {
                return Optional.<Optional<ClaimedTask>>empty();
            }
            return Optional.of(claim.get());
        });
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
        loadedAt = 0;
    }
}
