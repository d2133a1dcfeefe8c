package org.geoetl.engine.store;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** app.worker_instances: one row per service process, its heartbeat and how it ended. */
@Repository
public class WorkerInstanceRepository {

    /** An instance as the reaper and the API see it. */
    public record Instance(String instanceId, String host, long pid, String roles, String status,
                           OffsetDateTime startedAt, OffsetDateTime lastHeartbeat, OffsetDateTime endedAt,
                           String endReason, int tasksReleased) {
    }

    private static final String COLUMNS = "instance_id, host, pid, roles, status, started_at, last_heartbeat,"
            + " ended_at, end_reason, tasks_released";

    private final NamedParameterJdbcTemplate jdbc;

    public WorkerInstanceRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void register(String instanceId, String host, long pid, String roles) {
        jdbc.update("""
                INSERT INTO app.worker_instances (instance_id, host, pid, roles) VALUES (:id, :host, :pid, :roles)
                ON CONFLICT (instance_id) DO UPDATE SET status = 'alive', last_heartbeat = now(), ended_at = NULL""",
                new MapSqlParameterSource("id", instanceId).addValue("host", host).addValue("pid", pid)
                        .addValue("roles", roles));
    }

    /** Renews this instance's heartbeat; false when another instance declared it dead meanwhile. */
    public boolean beat(String instanceId) {
        return jdbc.update("UPDATE app.worker_instances SET last_heartbeat = now() WHERE instance_id = :id AND status = 'alive'",
                Map.of("id", instanceId)) == 1;
    }

    /**
     * Locks and returns the live instances that missed their heartbeats for {@code silence}
     * (skipping rows another reaper holds). Call inside a transaction, then {@link #end} them.
     */
    public List<Instance> lockSilent(Duration silence, String exceptId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.worker_instances"
                        + " WHERE status = 'alive' AND instance_id <> :me"
                        + "   AND last_heartbeat < now() - make_interval(secs => :silence)"
                        + " ORDER BY instance_id FOR UPDATE SKIP LOCKED",
                new MapSqlParameterSource("me", exceptId).addValue("silence", silence.toMillis() / 1000.0), this::map);
    }

    /** The other live instances registered on {@code host}, whatever their heartbeat (not locked). */
    public List<Instance> othersOnHost(String host, String exceptId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.worker_instances"
                        + " WHERE status = 'alive' AND host = :host AND instance_id <> :me",
                new MapSqlParameterSource("host", host).addValue("me", exceptId), this::map);
    }

    /** Locks those of these instances still alive, skipping rows another reaper holds; returns their ids. */
    public List<String> lockAlive(List<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("SELECT instance_id FROM app.worker_instances"
                        + " WHERE status = 'alive' AND instance_id IN (:ids) ORDER BY instance_id FOR UPDATE SKIP LOCKED",
                Map.of("ids", instanceIds), String.class);
    }

    /** Marks an instance ended ({@code dead} or {@code stopped}) with the reason and how many tasks were released. */
    public void end(String instanceId, String status, String reason, int tasksReleased) {
        jdbc.update("""
                UPDATE app.worker_instances SET status = :status, ended_at = now(), end_reason = :reason,
                       tasks_released = tasks_released + :released
                 WHERE instance_id = :id""",
                new MapSqlParameterSource("id", instanceId).addValue("status", status).addValue("reason", reason)
                        .addValue("released", tasksReleased));
    }

    /** The live instances and those that ended within {@code recent}, newest first. */
    public List<Instance> list(Duration recent) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.worker_instances"
                        + " WHERE status = 'alive' OR ended_at > now() - make_interval(secs => :recent)"
                        + " ORDER BY started_at DESC LIMIT 200",
                new MapSqlParameterSource("recent", (double) recent.toSeconds()), this::map);
    }

    /** Forgets instances that ended long ago. */
    public int prune(Duration olderThan) {
        return jdbc.update("DELETE FROM app.worker_instances WHERE status <> 'alive'"
                        + " AND ended_at < now() - make_interval(secs => :age)",
                new MapSqlParameterSource("age", (double) olderThan.toSeconds()));
    }

    private Instance map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Instance(rs.getString("instance_id"), rs.getString("host"), rs.getLong("pid"), rs.getString("roles"),
                rs.getString("status"), rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("last_heartbeat", OffsetDateTime.class), rs.getObject("ended_at", OffsetDateTime.class),
                rs.getString("end_reason"), rs.getInt("tasks_released"));
    }
}
