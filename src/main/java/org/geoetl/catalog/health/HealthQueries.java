package org.geoetl.catalog.health;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The read-only cross-checks between the catalog's tables (stac.items, app.table_catalog,
 * app.cog_metadata, app.dataset_refs) and PostGIS's own views. These anti-joins span owners by
 * nature; every write to those tables stays with its owner repository. Each query returns at most
 * {@code limit + 1} rows (the extra one says the list was cut), newest first where rows have a time.
 * The checks of the output tables themselves are {@link OutputTableQueries}' (they may live in
 * the business database).
 */
@Repository
public class HealthQueries {

    static final String VECTOR_COLLECTION = "system-vectors";

    private final NamedParameterJdbcTemplate jdbc;

    public HealthQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private List<Map<String, Object>> query(String sql, int limit, MapSqlParameterSource p) {
        return jdbc.queryForList(sql + " LIMIT :limit", p.addValue("limit", limit + 1));
    }

    private List<Map<String, Object>> query(String sql, int limit) {
        return query(sql, limit, new MapSqlParameterSource());
    }

    List<Map<String, Object>> vectorOrphans(int limit) {
        return query("""
                SELECT i.collection_id, i.id AS item_id, i.job_id FROM stac.items i
                 WHERE i.collection_id = :vectors AND NOT EXISTS (SELECT 1 FROM app.table_catalog c
                       WHERE c.stac_collection_id = i.collection_id AND c.stac_item_id = i.id)
                 ORDER BY i.updated_at DESC, i.id""", limit, new MapSqlParameterSource("vectors", VECTOR_COLLECTION));
    }

    List<Map<String, Object>> rasterOrphans(int limit) {
        return query("""
                SELECT i.collection_id, i.id AS item_id, i.job_id FROM stac.items i
                 WHERE i.content -> 'properties' ->> 'app:job_type' = 'process_raster'
                   AND NOT EXISTS (SELECT 1 FROM app.cog_metadata m
                       WHERE m.stac_collection_id = i.collection_id AND m.cog_id = i.id)
                 ORDER BY i.updated_at DESC, i.id""", limit);
    }

    List<Map<String, Object>> vectorBacklinks(int limit) {
        return query("""
                SELECT c.schema_name AS schema, c.table_name AS table, c.stac_collection_id AS collection_id,
                       c.stac_item_id AS item_id FROM app.table_catalog c
                 WHERE NOT EXISTS (SELECT 1 FROM stac.items i WHERE i.collection_id = c.stac_collection_id
                       AND i.id = c.stac_item_id)
                 ORDER BY c.updated_at DESC, c.table_name""", limit);
    }

    List<Map<String, Object>> rasterBacklinks(int limit) {
        return query("""
                SELECT m.stac_collection_id AS collection_id, m.cog_id, m.container, m.blob_path FROM app.cog_metadata m
                 WHERE NOT EXISTS (SELECT 1 FROM stac.items i WHERE i.collection_id = m.stac_collection_id
                       AND i.id = m.stac_item_id)
                 ORDER BY m.updated_at DESC, m.cog_id""", limit);
    }

    List<Map<String, Object>> vectorRefs(int limit) {
        return query("""
                SELECT d.dataset_id, d.data_type, d.ddh_dataset_id, d.ddh_resource_id, d.ddh_version_id FROM app.dataset_refs d
                 WHERE d.data_type = 'vector' AND NOT EXISTS (SELECT 1 FROM app.table_catalog c
                       WHERE c.schema_name || '.' || c.table_name = d.dataset_id)
                 ORDER BY d.updated_at DESC, d.dataset_id""", limit);
    }

    List<Map<String, Object>> rasterRefs(int limit) {
        return query("""
                SELECT d.dataset_id, d.data_type, d.ddh_dataset_id, d.ddh_resource_id, d.ddh_version_id FROM app.dataset_refs d
                 WHERE d.data_type = 'raster' AND NOT EXISTS (SELECT 1 FROM app.cog_metadata m
                       WHERE m.cog_id = d.dataset_id OR m.container || '/' || m.blob_path = d.dataset_id)
                 ORDER BY d.updated_at DESC, d.dataset_id""", limit);
    }

    /** The most recent COGs, whose blobs the blob check looks at. */
    List<Map<String, Object>> recentCogs(int limit) {
        return jdbc.queryForList("""
                SELECT stac_collection_id AS collection_id, cog_id, container, blob_path, cog_url FROM app.cog_metadata
                 ORDER BY updated_at DESC, cog_id LIMIT :limit""", Map.of("limit", limit));
    }

    /** Catalog rows of tables in {@code schemas} (schema.table keys), for the check against the output database. */
    java.util.Set<String> catalogued(List<String> schemas) {
        return new java.util.HashSet<>(jdbc.queryForList("""
                SELECT schema_name || '.' || table_name FROM app.table_catalog WHERE schema_name = ANY(:schemas)""",
                new MapSqlParameterSource("schemas", schemas.toArray(String[]::new)), String.class));
    }

    /** One page of catalog rows, newest first, for the check that their tables still exist. */
    List<Map<String, Object>> catalogPage(int offset, int size) {
        return jdbc.queryForList("""
                SELECT c.schema_name AS schema, c.table_name AS table, c.stac_collection_id AS collection_id,
                       c.stac_item_id AS item_id FROM app.table_catalog c
                 ORDER BY c.updated_at DESC, c.table_name OFFSET :offset LIMIT :size""",
                new MapSqlParameterSource("offset", offset).addValue("size", size));
    }
}
