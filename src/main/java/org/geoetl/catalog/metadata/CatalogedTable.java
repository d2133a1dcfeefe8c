package org.geoetl.catalog.metadata;

/** A table in app.table_catalog, as far as a reader of its features needs it. */
public record CatalogedTable(String schema, String table, String geometryColumn, int srid, long featureCount,
                             String geometryType) {
}
