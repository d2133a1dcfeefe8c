package org.geoetl.catalog.health;

/**
 * The metadata consistency checks (seed §6.2, with the vector collection the service actually
 * uses), each with what repairs what it finds.
 */
public enum HealthCheck {
    STAC_VECTOR_ORPHANS("STAC items in system-vectors with no app.table_catalog row", "unpublish_vector (or delete the item)"),
    STAC_RASTER_ORPHANS("STAC items made by process_raster with no app.cog_metadata row", "unpublish_raster"),
    VECTOR_BACKLINKS("app.table_catalog rows whose STAC item is missing", "rebuild_stac data_type=vector"),
    RASTER_BACKLINKS("app.cog_metadata rows whose STAC item is missing", "rebuild_stac data_type=raster"),
    DATASET_REFS_VECTOR("vector dataset references with no app.table_catalog row", "PUT the reference again or delete it"),
    DATASET_REFS_RASTER("raster dataset references with no app.cog_metadata row", "PUT the reference again or delete it"),
    RASTER_BLOB_EXISTS("COGs (the most recent) whose blob no longer exists", "unpublish_raster"),
    TABLES_WITHOUT_CATALOG("tables with a geometry column in the vector schemas that app.table_catalog does not list",
            "process_vector again, or drop the table"),
    CATALOG_WITHOUT_TABLES("app.table_catalog rows whose table no longer exists", "unpublish_vector"),
    UNTYPED_GEOMETRY("geometry columns of the generic type GEOMETRY", "process_vector again (it types every column)"),
    SRID_ZERO("geometry columns with SRID 0 or none", "process_vector again with source_crs"),
    MISSING_SPATIAL_INDEX("geometry columns without a spatial (GiST, SP-GiST or BRIN) index", "CREATE INDEX … USING gist");

    private final String description;
    private final String repair;

    HealthCheck(String description, String repair) {
        this.description = description;
        this.repair = repair;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String description() {
        return description;
    }

    public String repair() {
        return repair;
    }
}
