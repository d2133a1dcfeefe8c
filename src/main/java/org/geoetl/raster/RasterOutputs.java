package org.geoetl.raster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.engine.store.JsonColumns;
import org.geoetl.stac.StacStore;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What earlier process_raster runs left under one name in a collection — the single COG whose item
 * id is the name, or the tiles whose tile set is the name — read for the re-run decision, patched
 * for a metadata-only run, and removed when a full re-run replaced it.
 */
@Repository
public class RasterOutputs {

    /** A COG a newer run no longer produces: its catalogue rows are gone, its blob is for the caller. */
    public record Removed(String itemId, String container, String blob, String collection) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;
    private final StacStore stac;
    private final JobRepository jobs;

    public RasterOutputs(NamedParameterJdbcTemplate jdbc, JsonColumns json, StacStore stac, JobRepository jobs) {
        this.jdbc = jdbc;
        this.json = json;
        this.stac = stac;
        this.jobs = jobs;
    }

    /**
     * True while the job still runs, holding a share lock on its row until the caller's transaction
     * ends: ending the job (an update of that row) waits for the caller's writes to commit, so the
     * clean-up that follows a failure sees them, and a write that comes after the end sees the end.
     */
    public boolean lockRunningJob(String jobId) {
        return jobs.shareLockIfRunning(jobId);
    }

    public boolean exists(String collection, String name) {
        Boolean any = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM app.cog_metadata
                                WHERE stac_collection_id = :collection AND (cog_id = :name OR tile_set = :name))
                    OR EXISTS (SELECT 1 FROM stac.items WHERE collection_id = :collection AND id = :name)""",
                params(collection, name), Boolean.class);
        return Boolean.TRUE.equals(any);
    }

    @SuppressWarnings("unchecked")
    public RerunDecision.Previous previous(String collection, String name) {
        List<RerunDecision.Previous> rows = jdbc.query("""
                SELECT source_checksum, processing::text AS processing, title, description, license
                  FROM app.cog_metadata
                 WHERE stac_collection_id = :collection AND (cog_id = :name OR tile_set = :name)
                 ORDER BY updated_at DESC LIMIT 1""",
                params(collection, name), (rs, i) -> {
                    Map<String, String> descriptive = new LinkedHashMap<>();
                    descriptive.put("title", rs.getString("title"));
                    descriptive.put("description", rs.getString("description"));
                    descriptive.put("license", rs.getString("license"));
                    String processing = rs.getString("processing");
                    return new RerunDecision.Previous(rs.getString("source_checksum"), processing == null ? null
                            : json.mapper().convertValue(json.read(processing), Map.class), descriptive);
                });
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The title, description and license the catalogue holds for one COG (empty when there is none). */
    public Map<String, String> descriptive(String collection, String cogId) {
        List<Map<String, String>> rows = jdbc.query(
                "SELECT title, description, license FROM app.cog_metadata WHERE stac_collection_id = :collection"
                        + " AND cog_id = :name", params(collection, cogId),
                (rs, i) -> {
                    Map<String, String> d = new LinkedHashMap<>();
                    d.put("title", rs.getString(1));
                    d.put("description", rs.getString(2));
                    d.put("license", rs.getString(3));
                    return d;
                });
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    /** A metadata-only re-run: the given (non-null) descriptions onto every COG row and STAC item of the name. */
    @Transactional
    public int patchDescriptive(String collection, String name, Map<String, String> descriptive) {
        Map<String, String> given = new LinkedHashMap<>();
        descriptive.forEach((k, v) -> {
            if (v != null) {
                given.put(k, v);
            }
        });
        MapSqlParameterSource p = params(collection, name).addValue("title", given.get("title"))
                .addValue("description", given.get("description")).addValue("license", given.get("license"))
                .addValue("props", json.write(given));
        List<String> ids = jdbc.queryForList("""
                UPDATE app.cog_metadata SET title = coalesce(:title, title), description = coalesce(:description, description),
                       license = coalesce(:license, license), updated_at = now()
                 WHERE stac_collection_id = :collection AND (cog_id = :name OR tile_set = :name)
                RETURNING stac_item_id""", p, String.class);
        stac.mergeProperties(collection, ids, given);
        return ids.size();
    }

    /** After a full re-run: rows of the name that this job did not write (another layout, fewer tiles). */
    @Transactional
    public List<Removed> removeStale(String collection, String name, String jobId) {
        MapSqlParameterSource p = params(collection, name).addValue("job", jobId);
        List<Removed> removed = new ArrayList<>(jdbc.query("""
                        DELETE FROM app.cog_metadata
                         WHERE stac_collection_id = :collection AND (cog_id = :name OR tile_set = :name)
                           AND etl_job_id IS DISTINCT FROM :job
                        RETURNING stac_item_id, container, blob_path""", p,
                (rs, i) -> new Removed(rs.getString(1), rs.getString(2), rs.getString(3), collection)));
        stac.deleteItems(collection, removed.stream().map(Removed::itemId).toList());
        return removed;
    }

    /**
     * After a failed or cancelled job: the COGs it created (not those that existed before and it
     * overwrote in place) lose their rows and items; their blobs are for the caller.
     */
    @Transactional
    public List<Removed> removeCreatedBy(String jobId) {
        MapSqlParameterSource p = new MapSqlParameterSource("job", jobId);
        List<Removed> removed = new ArrayList<>(jdbc.query("""
                DELETE FROM app.cog_metadata m
                 WHERE m.etl_job_id = :job
                   AND m.created_at >= (SELECT j.created_at FROM app.jobs j WHERE j.job_id = :job)
                RETURNING m.stac_collection_id, m.stac_item_id, m.container, m.blob_path""", p,
                (rs, i) -> new Removed(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(1))));
        for (Removed r : removed) {
            stac.deleteItems(r.collection(), List.of(r.itemId()));
        }
        return removed;
    }

    private static MapSqlParameterSource params(String collection, String name) {
        return new MapSqlParameterSource("collection", collection).addValue("name", name);
    }
}
