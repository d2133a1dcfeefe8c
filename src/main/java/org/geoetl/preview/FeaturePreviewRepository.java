package org.geoetl.preview;

import java.util.Map;
import org.geoetl.catalog.metadata.CatalogedTable;
import org.geoetl.vector.ColumnNames;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads the first features of a catalogued table as one GeoJSON FeatureCollection, built by
 * PostGIS itself (ST_AsGeoJSON of the row: the geometry plus every other column as properties).
 * Names come from the catalogue row, never from the request, and are quoted.
 */
@Repository
class FeaturePreviewRepository {

    private final NamedParameterJdbcTemplate jdbc;

    FeaturePreviewRepository(org.geoetl.database.OutputDatabase output) {
        this.jdbc = output.named();
    }

    /** At most {@code limit} features, 6 decimals (about 0.1 m), and how many the table holds. */
    String featureCollection(CatalogedTable t, int limit) {
        String table = ColumnNames.quote(t.schema()) + "." + ColumnNames.quote(t.table());
        // one row more than asked tells whether the table was cut
        String sql = """
                WITH page AS (SELECT * FROM %s LIMIT :fetch),
                     shown AS (SELECT p FROM page p LIMIT :limit)
                SELECT json_build_object('type', 'FeatureCollection',
                         'features', coalesce((SELECT json_agg(ST_AsGeoJSON(s.p, CAST(:geom AS text), 6)::json) FROM shown s), '[]'::json),
                         'schema', :schema, 'table', :table, 'geometry_type', :gtype, 'limit', :limit,
                         'feature_count', :count, 'truncated', (SELECT count(*) FROM page) > :limit)::text""".formatted(table);
        return jdbc.queryForObject(sql, Map.of("fetch", limit + 1, "limit", limit, "geom", t.geometryColumn(),
                "schema", t.schema(), "table", t.table(), "gtype", t.geometryType(), "count", t.featureCount()), String.class);
    }
}
