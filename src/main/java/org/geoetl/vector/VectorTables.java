package org.geoetl.vector;

import static org.geoetl.vector.ColumnNames.quote;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tables of a load. Features are written to staging tables named after the job (one per geometry
 * family, plus a report of repaired and rejected features) and renamed into place at the end,
 * so readers never see a half-loaded table. Identifiers are laundered and always quoted.
 */
@Component
public class VectorTables {

    private final JdbcTemplate jdbc;

    public VectorTables(org.geoetl.database.OutputDatabase output) {
        this.jdbc = output.jdbc();
    }

    public static String staging(String jobId, String part) {
        return "_stg_" + jobId.substring(0, 16) + "_" + part;
    }

    public static String family(GeometryRepair.Family f) {
        return switch (f) {
            case POINT -> "points";
            case LINE -> "lines";
            case POLYGON -> "polygons";
        };
    }

    static String multiType(GeometryRepair.Family f) {
        return switch (f) {
            case POINT -> "MultiPoint";
            case LINE -> "MultiLineString";
            case POLYGON -> "MultiPolygon";
        };
    }

    public void createStaging(String schema, String jobId, List<ColumnNames.Column> columns) {
        StringBuilder attrs = new StringBuilder();
        for (ColumnNames.Column c : columns) {
            attrs.append(", ").append(quote(c.name())).append(' ').append(c.pgType());
        }
        for (GeometryRepair.Family f : GeometryRepair.Family.values()) {
            jdbc.execute("CREATE TABLE IF NOT EXISTS " + quote(schema) + "." + quote(staging(jobId, family(f)))
                    + " (fid bigint PRIMARY KEY" + attrs + ", geom geometry(" + multiType(f) + ", 4326) NOT NULL,"
                    + " etl_chunk int NOT NULL)");
        }
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + quote(schema) + "." + quote(staging(jobId, "report"))
                + " (fid bigint PRIMARY KEY, outcome text NOT NULL, details text[] NOT NULL,"
                + " source_geometry text, attributes jsonb, etl_chunk int NOT NULL)");
    }

    /** Every name a load into {@code table} can produce: the table, or one per geometry family when split. */
    public static java.util.List<String> variants(String table) {
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of(table));
        for (GeometryRepair.Family f : GeometryRepair.Family.values()) {
            names.add(table + "_" + family(f));
        }
        return names;
    }

    public boolean exists(String schema, String table) {
        Boolean b = jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, quote(schema) + "." + quote(table));
        return Boolean.TRUE.equals(b);
    }

    /** Drops a loaded table (unpublish_vector); true when it existed. */
    public boolean drop(String schema, String table) {
        boolean existed = exists(schema, table);
        jdbc.execute("DROP TABLE IF EXISTS " + quote(schema) + "." + quote(table));
        return existed;
    }

    public long count(String schema, String table) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM " + quote(schema) + "." + quote(table), Long.class);
        return n == null ? 0 : n;
    }

    public Map<String, Object> extent(String schema, String table) {
        return jdbc.queryForMap("SELECT ST_XMin(e) AS minx, ST_YMin(e) AS miny, ST_XMax(e) AS maxx, ST_YMax(e) AS maxy"
                + " FROM (SELECT ST_Extent(geom) AS e FROM " + quote(schema) + "." + quote(table) + ") x");
    }
}
