package org.geoetl.catalog.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.geoetl.database.OutputDatabase;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The geo checks, read from PostGIS's own views in the output database (the business database
 * when there is one, else the app database). The two checks against the catalog cannot be one
 * anti-join when the catalog and the tables are in different databases, so they compare the two
 * sides here, the catalog side a page at a time. Each returns at most {@code limit + 1} rows.
 */
@Repository
public class OutputTableQueries {

    /** Staging tables of running process_vector jobs (VectorTables.staging) are not datasets yet. */
    private static final String NOT_STAGING = " AND g.f_table_name NOT LIKE '\\_stg\\_%'";
    private static final int PAGE = 1000;

    private final NamedParameterJdbcTemplate jdbc;
    private final HealthQueries catalog;

    public OutputTableQueries(OutputDatabase output, HealthQueries catalog) {
        this.jdbc = output.named();
        this.catalog = catalog;
    }

    List<Map<String, Object>> tablesWithoutCatalog(List<String> schemas, int limit) {
        Set<String> known = catalog.catalogued(schemas);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> t : jdbc.queryForList("""
                SELECT DISTINCT g.f_table_schema::text AS schema, g.f_table_name::text AS table FROM geometry_columns g
                 WHERE g.f_table_schema = ANY(:schemas)""" + NOT_STAGING + " ORDER BY 1, 2", schemas(schemas))) {
            if (!known.contains(t.get("schema") + "." + t.get("table")) && out.size() <= limit) {
                out.add(t);
            }
        }
        return out;
    }

    List<Map<String, Object>> catalogWithoutTables(int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int offset = 0; out.size() <= limit; offset += PAGE) {
            List<Map<String, Object>> page = catalog.catalogPage(offset, PAGE);
            if (page.isEmpty()) {
                break;
            }
            List<Boolean> exists = jdbc.queryForList("""
                    SELECT to_regclass(quote_ident(s) || '.' || quote_ident(t)) IS NOT NULL
                      FROM unnest(:schemas::text[], :tables::text[]) WITH ORDINALITY AS x(s, t, n) ORDER BY n""",
                    new MapSqlParameterSource("schemas", page.stream().map(r -> (String) r.get("schema")).toArray(String[]::new))
                            .addValue("tables", page.stream().map(r -> (String) r.get("table")).toArray(String[]::new)),
                    Boolean.class);
            for (int i = 0; i < page.size() && out.size() <= limit; i++) {
                if (!exists.get(i)) {
                    out.add(page.get(i));
                }
            }
        }
        return out;
    }

    List<Map<String, Object>> untypedGeometry(List<String> schemas, int limit) {
        return query("""
                SELECT g.f_table_schema::text AS schema, g.f_table_name::text AS table, g.f_geometry_column::text AS column
                  FROM geometry_columns g WHERE g.f_table_schema = ANY(:schemas) AND upper(g.type) = 'GEOMETRY'"""
                + NOT_STAGING + " ORDER BY 1, 2, 3", limit, schemas);
    }

    List<Map<String, Object>> sridZero(List<String> schemas, int limit) {
        return query("""
                SELECT g.f_table_schema::text AS schema, g.f_table_name::text AS table, g.f_geometry_column::text AS column
                  FROM geometry_columns g WHERE g.f_table_schema = ANY(:schemas) AND COALESCE(g.srid, 0) = 0"""
                + NOT_STAGING + " ORDER BY 1, 2, 3", limit, schemas);
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
                 ORDER BY 1, 2, 3""", limit, schemas);
    }

    /** Whether the table exists and has a geometry column (rebuild_stac's validation of a table). */
    public boolean hasGeometry(String schema, String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM geometry_columns WHERE f_table_schema = :s AND f_table_name = :t)""",
                Map.of("s", schema, "t", table), Boolean.class));
    }

    private List<Map<String, Object>> query(String sql, int limit, List<String> schemas) {
        return jdbc.queryForList(sql + " LIMIT :limit", schemas(schemas).addValue("limit", limit + 1));
    }

    private static MapSqlParameterSource schemas(List<String> schemas) {
        return new MapSqlParameterSource("schemas", schemas.toArray(String[]::new));
    }
}
