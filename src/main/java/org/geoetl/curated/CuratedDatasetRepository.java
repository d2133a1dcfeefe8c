package org.geoetl.curated;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geoetl.engine.store.JsonColumns;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** app.curated_datasets and app.curated_update_log: the registry and its history. */
@Repository
public class CuratedDatasetRepository {

    private static final String COLUMNS = "dataset_id, name, description, source_kind, source::text AS source,"
            + " target_schema, target_table, update_strategy, upsert_key, schedule, enabled, auto_approve,"
            + " style::text AS style, builtin, created_by, created_at, updated_at, last_checked_at, last_updated_at,"
            + " last_job_id, source_version";

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;

    public CuratedDatasetRepository(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<CuratedDataset> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.curated_datasets ORDER BY dataset_id", Map.of(), this::row);
    }

    public Optional<CuratedDataset> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.curated_datasets WHERE dataset_id = :id", Map.of("id", id),
                this::row).stream().findFirst();
    }

    /** Inserts; false when the id (or the target table) is taken. Built-ins use it on every start. */
    public boolean insert(CuratedDataset d) {
        return jdbc.update("""
                INSERT INTO app.curated_datasets (dataset_id, name, description, source_kind, source, target_schema,
                       target_table, update_strategy, upsert_key, schedule, enabled, auto_approve, style, builtin,
                       created_by, created_at, updated_at)
                VALUES (:id, :name, :description, :kind, CAST(:source AS jsonb), :schema, :table, :strategy, :key,
                        :schedule, :enabled, :auto, CAST(:style AS jsonb), :builtin, :by, :at, :at)
                ON CONFLICT DO NOTHING""", params(d).addValue("builtin", d.builtin()).addValue("by", d.createdBy())
                .addValue("at", Timestamp.from(d.createdAt()))) == 1;
    }

    /** Replaces what a caller may change; the update bookkeeping stays. */
    public boolean replace(CuratedDataset d, Instant at) {
        return jdbc.update("""
                UPDATE app.curated_datasets SET name = :name, description = :description, source_kind = :kind,
                       source = CAST(:source AS jsonb), target_schema = :schema, target_table = :table,
                       update_strategy = :strategy, upsert_key = :key, schedule = :schedule, enabled = :enabled,
                       auto_approve = :auto, style = CAST(:style AS jsonb), updated_at = :at
                 WHERE dataset_id = :id""", params(d).addValue("at", Timestamp.from(at))) == 1;
    }

    public boolean setEnabled(String id, boolean enabled, Instant at) {
        return jdbc.update("UPDATE app.curated_datasets SET enabled = :e, updated_at = :at WHERE dataset_id = :id",
                new MapSqlParameterSource("id", id).addValue("e", enabled).addValue("at", Timestamp.from(at))) == 1;
    }

    public boolean delete(String id) {
        return jdbc.update("DELETE FROM app.curated_datasets WHERE dataset_id = :id", Map.of("id", id)) == 1;
    }

    public List<Map<String, Object>> history(String id, int limit) {
        return jdbc.queryForList("""
                SELECT update_id, job_id, update_type, status, source_version, counts::text AS counts, message,
                       started_at, finished_at
                  FROM app.curated_update_log WHERE dataset_id = :id ORDER BY started_at DESC, update_id DESC
                 LIMIT :limit""", new MapSqlParameterSource("id", id).addValue("limit", limit));
    }

    /** The run's log row, once per job (a retried check task finds it): status running. */
    public void logStarted(String id, String jobId, String updateType, Instant at) {
        jdbc.update("""
                INSERT INTO app.curated_update_log (dataset_id, job_id, update_type, status, started_at)
                VALUES (:id, :job, :type, 'running', :at)
                ON CONFLICT (job_id) DO NOTHING""", new MapSqlParameterSource("id", id).addValue("job", jobId)
                .addValue("type", updateType).addValue("at", Timestamp.from(at)));
    }

    /** An earlier run of the dataset still in progress (its log row says running), if any. */
    public Optional<String> earlierRunning(String id, String jobId) {
        return jdbc.queryForList("""
                SELECT job_id FROM app.curated_update_log
                 WHERE dataset_id = :id AND status = 'running' AND job_id <> :job
                   AND update_id < (SELECT update_id FROM app.curated_update_log WHERE job_id = :job)
                 ORDER BY update_id LIMIT 1""", new MapSqlParameterSource("id", id).addValue("job", jobId),
                String.class).stream().findFirst();
    }

    /**
     * Ends the run's log row: completed, skipped or failed, with its counts and the source version.
     * @return false when it had ended already (a retried task, a second failure notice)
     */
    public boolean logFinished(String jobId, String status, String sourceVersion, String countsJson, String message,
                               Instant at) {
        return jdbc.update("""
                UPDATE app.curated_update_log SET status = :status, source_version = :version,
                       counts = CAST(:counts AS jsonb), message = :message, finished_at = :at
                 WHERE job_id = :job AND status = 'running'""", new MapSqlParameterSource("job", jobId)
                .addValue("status", status).addValue("version", sourceVersion).addValue("counts", countsJson)
                .addValue("message", message).addValue("at", Timestamp.from(at))) == 1;
    }

    /** Counts a merge recorded in its own transaction (so a retried merge task reports, not repeats, them). */
    public Optional<String> loggedCounts(String jobId) {
        return jdbc.queryForList("""
                SELECT counts::text FROM app.curated_update_log WHERE job_id = :job AND counts <> '{}'::jsonb""",
                Map.of("job", jobId), String.class).stream().findFirst();
    }

    public void logCounts(String jobId, String countsJson) {
        jdbc.update("UPDATE app.curated_update_log SET counts = CAST(:counts AS jsonb) WHERE job_id = :job",
                new MapSqlParameterSource("job", jobId).addValue("counts", countsJson));
    }

    public void markChecked(String id, Instant at) {
        jdbc.update("UPDATE app.curated_datasets SET last_checked_at = :at WHERE dataset_id = :id",
                new MapSqlParameterSource("id", id).addValue("at", Timestamp.from(at)));
    }

    /** A run changed the table: when, by which job, from which source version. */
    public void recordUpdate(String id, String jobId, String sourceVersion, Instant at) {
        jdbc.update("""
                UPDATE app.curated_datasets SET last_updated_at = :at, last_job_id = :job, source_version = :version
                 WHERE dataset_id = :id""", new MapSqlParameterSource("id", id).addValue("job", jobId)
                .addValue("version", sourceVersion).addValue("at", Timestamp.from(at)));
    }

    private MapSqlParameterSource params(CuratedDataset d) {
        return new MapSqlParameterSource("id", d.datasetId()).addValue("name", d.name())
                .addValue("description", d.description()).addValue("kind", d.sourceKind().id())
                .addValue("source", json.write(d.source())).addValue("schema", d.targetSchema())
                .addValue("table", d.targetTable()).addValue("strategy", d.updateStrategy())
                .addValue("key", d.upsertKey()).addValue("schedule", d.schedule()).addValue("enabled", d.enabled())
                .addValue("auto", d.autoApprove()).addValue("style", json.write(d.style()));
    }

    private CuratedDataset row(ResultSet rs, int n) throws SQLException {
        return new CuratedDataset(rs.getString("dataset_id"), rs.getString("name"), rs.getString("description"),
                SourceKind.parse(rs.getString("source_kind")).orElseThrow(), json.read(rs.getString("source")),
                rs.getString("target_schema"), rs.getString("target_table"), rs.getString("update_strategy"),
                rs.getString("upsert_key"), rs.getString("schedule"), rs.getBoolean("enabled"),
                rs.getBoolean("auto_approve"), json.read(rs.getString("style")), rs.getBoolean("builtin"),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "last_checked_at"), instant(rs, "last_updated_at"), rs.getString("last_job_id"),
                rs.getString("source_version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
