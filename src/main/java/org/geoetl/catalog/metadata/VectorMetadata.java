package org.geoetl.catalog.metadata;

import java.util.List;
import java.util.Map;

/** A PostGIS table GeoETL loaded (seed F7.8 VectorMetadata; rows in app.table_catalog and app.vector_etl_tracking). */
public record VectorMetadata(
        BaseMetadata base,
        String schema,
        String table,
        String geometryType,
        long featureCount,
        long featuresRead,
        long featuresRejected,
        int srid,
        List<Column> columns,
        Map<String, Long> repairs,
        String processingSoftware,
        /* who submitted the job that loaded it: the owner, who alone (with admins) may overwrite it */
        String owner) {

    /** A column of the loaded table: its name, PostgreSQL type, and the source field it came from. */
    public record Column(String name, String type, String sourceName) {
    }

    public VectorMetadata {
        columns = List.copyOf(columns);
        repairs = Map.copyOf(repairs);
    }
}
