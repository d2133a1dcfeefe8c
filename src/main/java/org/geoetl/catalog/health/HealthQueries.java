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
 */
@Repository
public class HealthQueries {

    static final String VECTOR_COLLECTION = "system-vectors";
    /** Staging tables of running process_vector jobs (VectorTables.staging) are not datasets yet. */
    private static final String NOT_STAGING = " AND g.f_table_name NOT LIKE '\\_stg\\_%'";

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

    List<Map<String, Object>> tablesWithoutCatalog(List<String> schemas, int limit) {
        return query("""
                SELECT DISTINCT g.f_table_schema::text AS schema, g.f_table_name::text AS table FROM geometry_columns g
                 WHERE g.f_table_schema = ANY(:schemas)""" + NOT_STAGING + """
                   AND NOT EXISTS (SELECT 1 FROM app.table_catalog c
                       WHERE c.schema_name = g.f_table_schema AND c.table_name = g.f_table_name)
                 ORDER BY 1, 2""", limit, schemas(schemas));
    }

    List<Map<String, Object>> catalogWithoutTables(int limit) {
        return query("""
                SELECT c.schema_name AS schema, c.table_name AS table, c.stac_collection_id AS collection_id,
                       c.stac_item_id AS item_id FROM app.table_catalog c
                 WHERE to_regclass(quote_ident(c.schema_name) || '.' || quote_ident(c.table_name)) IS NULL
                 ORDER BY c.updated_at DESC, c.table_name""", limit);
    }

    List<Map<String, Object>> untypedGeometry(List<String> schemas, int limit) {
        return query("""
                SELECT g.f_table_schema::text AS schema, g.f_table_name::text AS table, g.f_geometry_column::text AS column
                  FROM geometry_columns g WHERE g.f_table_schema = ANY(:schemas) AND upper(g.type) = 'GEOMETRY'"""
                + NOT_STAGING + " ORDER BY 1, 2, 3", limit, schemas(schemas));
    }

    List<Map<String, Object>> sridZero(List<String> schemas, int limit) {
        return query("""
                SELECT g.f_table_schema::text AS schema, g.f_table_name::text AS table, g.f_geometry_column::text AS column
                  FROM geometry_columns g WHERE g.f_table_schema = ANY(:schemas) AND COALESCE(g.srid, 0) = 0"""
                + NOT_STAGING + " ORDER BY 1, 2, 3", limit, schemas(schemas));
    }

    List<Map<String, Object>> missingSpatialIndex(List<String> schemas, int limit) {
        return query("""
                SELECT g.f_table_schema::text AS schema, g.f_table_name::text AS table, g.f_geometry_column::text AS column
                  FROM geometry_columns g WHERE g.f_table_schema = ANY(:schemas)""" + NOT_STAGING + """
                   AND NOT EXISTS (SELECT 1 FROM pg_index x
                         JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                         JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_am am ON am.oid = ic.relam
                         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(x.indkey)
                        WHERE n.nspname = g.f_table_schema AND t.relname = g.f_table_name
                          AND a.attname = g.f_geometry_column AND am.amname IN ('gist', 'spgist', 'brin'))
                 ORDER BY 1, 2, 3""", limit, schemas(schemas));
    }

    /** Whether the table exists and has a geometry column (rebuild_stac's validation of a table). */
    public boolean hasGeometry(String schema, String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM geometry_columns WHERE f_table_schema = :s AND f_table_name = :t)""",
                Map.of("s", schema, "t", table), Boolean.class));
    }

    private static MapSqlParameterSource schemas(List<String> schemas) {
        return new MapSqlParameterSource("schemas", schemas.toArray(String[]::new));
    }
}
