package org.geoetl.progress;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** app.job_metrics: progress snapshots of running jobs. */
@Repository
public class JobMetricsRepository {

    /** One snapshot as stored. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Snapshot(String jobId, Instant at, String status, int stage, long total, long completed, long failed,
                           long processing, long queued, double progressPct, double ratePerMin,
                           double rateSmoothedPerMin, Double etaSeconds, double errorRate) {

        static Snapshot of(JobProgress p) {
            TaskCounts t = p.tasks();
            return new Snapshot(p.jobId(), p.at(), p.status(), p.currentStage(), t.total(), t.completed(), t.failed(),
                    t.processing(), t.queued() + t.interrupted(), p.progressPct(), p.ratePerMin(),
                    p.rateSmoothedPerMin(), p.etaSeconds(), p.errorRate());
        }
    }

    private static final String COLUMNS = "job_id, taken_at, status, stage, total_tasks, completed_tasks, failed_tasks,"
            + " processing_tasks, queued_tasks, progress_pct, rate_per_min, rate_smoothed_per_min, eta_seconds, error_rate";

    private final NamedParameterJdbcTemplate jdbc;

    public JobMetricsRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a snapshot; a second one for the same job and instant (another instance's tick) is dropped. */
    public void insert(Snapshot s) {
        jdbc.update("INSERT INTO app.job_metrics (" + COLUMNS + ") VALUES (:job, :at, :status, :stage, :total,"
                + " :completed, :failed, :processing, :queued, :pct, :rate, :smoothed, :eta, :errors)"
                + " ON CONFLICT (job_id, taken_at) DO NOTHING", new MapSqlParameterSource("job", s.jobId())
                .addValue("at", Timestamp.from(s.at())).addValue("status", s.status()).addValue("stage", s.stage())
                .addValue("total", s.total()).addValue("completed", s.completed()).addValue("failed", s.failed())
                .addValue("processing", s.processing()).addValue("queued", s.queued()).addValue("pct", s.progressPct())
                .addValue("rate", s.ratePerMin()).addValue("smoothed", s.rateSmoothedPerMin())
                .addValue("eta", s.etaSeconds()).addValue("errors", s.errorRate()));
    }

    public Optional<Snapshot> latest(String jobId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.job_metrics WHERE job_id = :job ORDER BY taken_at DESC LIMIT 1",
                Map.of("job", jobId), this::map).stream().findFirst();
    }

    /** Snapshots taken since {@code from}, oldest first, at most {@code limit}. */
    public List<Snapshot> since(Instant from, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.job_metrics WHERE taken_at >= :from"
                + " ORDER BY taken_at, job_id LIMIT :limit",
                new MapSqlParameterSource("from", Timestamp.from(from)).addValue("limit", limit), this::map);
    }

    /** Only one instance snapshots per tick: a transaction-scoped advisory lock. */
    public boolean tryTickLock() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext('geoetl.job_metrics'))",
                Map.of(), Boolean.class));
    }

    public int deleteOlderThan(Instant cutoff) {
        return jdbc.update("DELETE FROM app.job_metrics WHERE taken_at < :cutoff", Map.of("cutoff", Timestamp.from(cutoff)));
    }

    private Snapshot map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Snapshot(rs.getString("job_id"), rs.getObject("taken_at", OffsetDateTime.class).toInstant(),
                rs.getString("status"), rs.getInt("stage"), rs.getLong("total_tasks"), rs.getLong("completed_tasks"),
                rs.getLong("failed_tasks"), rs.getLong("processing_tasks"), rs.getLong("queued_tasks"),
                rs.getDouble("progress_pct"), rs.getDouble("rate_per_min"), rs.getDouble("rate_smoothed_per_min"),
                (Double) rs.getObject("eta_seconds"), rs.getDouble("error_rate"));
    }
}
