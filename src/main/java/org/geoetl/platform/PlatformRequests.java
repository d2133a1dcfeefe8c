package org.geoetl.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geoetl.engine.store.JsonColumns;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** app.platform_requests: a data hub's request by its ids, the jobs it runs and what they produce. */
@Repository
public class PlatformRequests {

    /** A stored request; {@code outputs} as the JSON text it was saved as. */
    public record Row(String requestId, String datasetId, String resourceId, String versionId, String dataType,
                      String accessLevel, String jobType, List<String> jobIds, String outputs) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;

    public PlatformRequests(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void save(Row r, Object outputs, String submittedBy) {
        jdbc.update("""
                INSERT INTO app.platform_requests (request_id, dataset_id, resource_id, version_id, data_type, access_level,
                       job_type, job_ids, outputs, submitted_by)
                VALUES (:id, :ds, :rs, :ver, :type, :access, :jobType, :jobs, CAST(:outputs AS jsonb), :by)
                ON CONFLICT (request_id) DO UPDATE SET data_type = EXCLUDED.data_type, access_level = EXCLUDED.access_level,
                       job_type = EXCLUDED.job_type, job_ids = EXCLUDED.job_ids, outputs = EXCLUDED.outputs,
                       updated_at = now()""",
                new MapSqlParameterSource("id", r.requestId()).addValue("ds", r.datasetId()).addValue("rs", r.resourceId())
                        .addValue("ver", r.versionId()).addValue("type", r.dataType()).addValue("access", r.accessLevel())
                        .addValue("jobType", r.jobType()).addValue("jobs", r.jobIds().toArray(String[]::new))
                        .addValue("outputs", json.write(outputs)).addValue("by", submittedBy));
    }

    public Optional<Row> find(String requestId) {
        return query("WHERE request_id = :v", requestId).stream().findFirst();
    }

    /** The request one of whose jobs this is. */
    public Optional<Row> byJob(String jobId) {
        return query("WHERE :v = ANY(job_ids)", jobId).stream().findFirst();
    }

    /** Records the unpublish jobs of a request. */
    public void unpublishing(String requestId, List<String> jobIds) {
        jdbc.update("UPDATE app.platform_requests SET unpublish_job_ids = :jobs, updated_at = now() WHERE request_id = :id",
                new MapSqlParameterSource("id", requestId).addValue("jobs", jobIds.toArray(String[]::new)));
    }

    /**
     * Counts an unpublish job of a request down; the last one forgets the request. The row lock of
     * the UPDATE serializes concurrent completions, so exactly one sees none left.
     */
    public void unpublishCompleted(String jobId) {
        List<Map<String, Object>> left = jdbc.queryForList("""
                UPDATE app.platform_requests SET unpublish_job_ids = array_remove(unpublish_job_ids, :j), updated_at = now()
                 WHERE :j = ANY(unpublish_job_ids) RETURNING request_id, cardinality(unpublish_job_ids) AS remaining""",
                Map.of("j", jobId));
        for (Map<String, Object> r : left) {
            if (((Number) r.get("remaining")).intValue() == 0) {
                delete((String) r.get("request_id"));
            }
        }
    }

    /** Forgets an unpublished request: the same ids may be submitted afresh. */
    public void delete(String requestId) {
        jdbc.update("DELETE FROM app.platform_requests WHERE request_id = :id", Map.of("id", requestId));
    }

    /** The request of these hub ids. */
    public Optional<Row> byIds(String dataset, String resource, String version) {
        return find(PlatformTranslation.requestId(dataset, resource, version));
    }

    /** Requests by the hub's ids, any of which may be null (newest first, at most {@code limit}). */
    public List<Row> matching(String dataset, String resource, String version, int limit) {
        return jdbc.query(SELECT + " " + """
                 WHERE (CAST(:ds AS text) IS NULL OR dataset_id = :ds) AND (CAST(:rs AS text) IS NULL OR resource_id = :rs)
                   AND (CAST(:ver AS text) IS NULL OR version_id = :ver) ORDER BY created_at DESC LIMIT :limit""",
                new MapSqlParameterSource("ds", dataset).addValue("rs", resource).addValue("ver", version)
                        .addValue("limit", limit), (rs, i) -> row(rs));
    }

    /**
     * Requests that produced a STAC item (a raster item, or a table's {@code postgis-schema-table}
     * item), a collection, or a table ({@code table} or {@code schema.table}); null means any.
     */
    public List<Row> producing(String itemId, String collectionId, String table) {
        return jdbc.query(SELECT + " " + """
                 WHERE (CAST(:item AS text) IS NULL OR outputs->'items' @> jsonb_build_array(CAST(:item AS text))
                        OR (data_type = 'vector' AND 'postgis-' || (outputs->>'schema') || '-' || (outputs->>'table') = :item))
                   AND (CAST(:coll AS text) IS NULL OR outputs->>'collection_id' = :coll)
                   AND (CAST(:tab AS text) IS NULL OR outputs->>'table' = :tab
                        OR (outputs->>'schema') || '.' || (outputs->>'table') = :tab)
                 ORDER BY created_at DESC LIMIT 500""",
                new MapSqlParameterSource("item", itemId).addValue("coll", collectionId).addValue("tab", table),
                (rs, i) -> row(rs));
    }

    /** The most recent requests, newest first. */
    public List<Row> recent(int limit) {
        return jdbc.query(SELECT + " ORDER BY created_at DESC LIMIT :limit", Map.of("limit", limit), (rs, i) -> row(rs));
    }

    private static final String SELECT = """
            SELECT request_id, dataset_id, resource_id, version_id, data_type, access_level, job_type, job_ids,
                   outputs::text AS outputs FROM app.platform_requests""";

    private List<Row> query(String where, String value) {
        return jdbc.query(SELECT + " " + where, Map.of("v", value), (rs, i) -> row(rs));
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString("request_id"), rs.getString("dataset_id"), rs.getString("resource_id"),
                rs.getString("version_id"), rs.getString("data_type"), rs.getString("access_level"), rs.getString("job_type"),
                List.of((String[]) rs.getArray("job_ids").getArray()), rs.getString("outputs"));
    }
}
