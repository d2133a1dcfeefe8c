package org.geoetl.engine;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.geoetl.config.GeoEtlProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The tasks this process is running, and their heartbeat: one UPDATE renews the lease of all of
 * them every {@code geoetl.worker.heartbeat}. A task whose lease runs out (its worker died) is
 * taken back by the janitor or by the next delivery of its message.
 */
@Component
public class RunningTasks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningTasks.class);

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final NamedParameterJdbcTemplate jdbc;
    private final GeoEtlProperties properties;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "geoetl-heartbeat");
        t.setDaemon(true);
        return t;
    });

    private final WorkerIdentity worker;

    public RunningTasks(NamedParameterJdbcTemplate jdbc, GeoEtlProperties properties, WorkerIdentity worker) {
        this.jdbc = jdbc;
        this.worker = worker;
        this.properties = properties;
        long every = properties.worker().heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** False when this process already holds the task. */
    public boolean add(String taskId) {
        return running.add(taskId);
    }

    public void remove(String taskId) {
        running.remove(taskId);
    }

    void beat() {
        List<String> ids = List.copyOf(running);
        if (ids.isEmpty()) {
            return;
        }
        try {
            jdbc.update("""
                    UPDATE app.tasks SET last_pulse = now(), lease_expires_at = now() + make_interval(secs => :lease)
                     WHERE task_id IN (:ids) AND status = 'processing' AND executed_by = :me""",
                    new MapSqlParameterSource("ids", ids).addValue("me", worker.id())
                            .addValue("lease", (double) properties.worker().lease().toSeconds()));
        } catch (RuntimeException e) {
            // a missed beat is not fatal: the lease is several beats long
            log.warn("heartbeat for {} tasks failed: {}", ids.size(), e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
