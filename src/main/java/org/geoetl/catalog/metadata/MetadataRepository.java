package org.geoetl.catalog.metadata;

import org.geoetl.engine.store.JsonColumns;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Typed metadata rows: app.table_catalog + app.vector_etl_tracking for tables, app.cog_metadata for
 * COGs. Upserts; descriptive fields keep their old value when the new record leaves them empty.
 */
@Repository
public class MetadataRepository {

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;

    public MetadataRepository(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void save(VectorMetadata m) {
        BaseMetadata b = m.base();
        MapSqlParameterSource p = base(b).addValue("schema", m.schema()).addValue("table", m.table())
                .addValue("gtype", m.geometryType()).addValue("srid", m.srid()).addValue("count", m.featureCount())
                .addValue("columns", json.write(m.columns())).addValue("read", m.featuresRead())
                .addValue("rejected", m.featuresRejected()).addValue("repairs", json.write(m.repairs()))
                .addValue("software", m.processingSoftware()).addValue("owner", m.owner());
        jdbc.update("""
                INSERT INTO app.table_catalog (schema_name, table_name, title, description, keywords, license, attribution,
                       bbox_minx, bbox_miny, bbox_maxx, bbox_maxy, temporal_start, temporal_end, geometry_type, srid,
                       feature_count, stac_collection_id, stac_item_id, column_definitions, owner)
                VALUES (:schema, :table, :title, :description, :keywords, :license, :attribution, :minx, :miny, :maxx,
                        :maxy, :tstart, :tend, :gtype, :srid, :count, :collection, :item, CAST(:columns AS jsonb), :owner)
                ON CONFLICT (schema_name, table_name) DO UPDATE SET
                       owner = COALESCE(app.table_catalog.owner, EXCLUDED.owner),
                       title = COALESCE(EXCLUDED.title, app.table_catalog.title),
                       description = COALESCE(EXCLUDED.description, app.table_catalog.description),
                       license = COALESCE(EXCLUDED.license, app.table_catalog.license),
                       attribution = COALESCE(EXCLUDED.attribution, app.table_catalog.attribution),
                       keywords = EXCLUDED.keywords, bbox_minx = EXCLUDED.bbox_minx, bbox_miny = EXCLUDED.bbox_miny,
                       bbox_maxx = EXCLUDED.bbox_maxx, bbox_maxy = EXCLUDED.bbox_maxy,
                       temporal_start = EXCLUDED.temporal_start, temporal_end = EXCLUDED.temporal_end,
                       geometry_type = EXCLUDED.geometry_type, srid = EXCLUDED.srid, feature_count = EXCLUDED.feature_count,
                       stac_collection_id = EXCLUDED.stac_collection_id, stac_item_id = EXCLUDED.stac_item_id,
                       column_definitions = EXCLUDED.column_definitions, updated_at = now()""", p);
        jdbc.update("""
                INSERT INTO app.vector_etl_tracking (schema_name, table_name, etl_job_id, source_file, source_format,
                       source_crs, rows_read, rows_written, rows_rejected, geometry_repairs, processing_software)
                VALUES (:schema, :table, :job, :sourceFile, :sourceFormat, :sourceCrs, :read, :count, :rejected,
                        CAST(:repairs AS jsonb), :software)
                ON CONFLICT (schema_name, table_name, etl_job_id) DO UPDATE SET rows_read = EXCLUDED.rows_read,
                       rows_written = EXCLUDED.rows_written, rows_rejected = EXCLUDED.rows_rejected,
                       geometry_repairs = EXCLUDED.geometry_repairs""", p);
    }

    public void save(RasterMetadata m) {
        BaseMetadata b = m.base();
        MapSqlParameterSource p = base(b).addValue("container", m.container()).addValue("blob", m.blobPath())
                .addValue("url", m.href()).addValue("width", m.width()).addValue("height", m.height())
                .addValue("bands", m.bands().size()).addValue("dtype", m.dtype()).addValue("nodata", m.nodata())
                .addValue("epsg", m.epsg()).addValue("transform", m.transform()).addValue("resolution", m.resolution())
                .addValue("compression", m.compression()).addValue("blocksize", m.blocksize())
                .addValue("overviews", m.overviewLevels().toArray(Integer[]::new)).addValue("rtype", m.rasterType())
                .addValue("size", m.sizeBytes()).addValue("checksum", m.checksum())
                .addValue("bandInfo", json.write(m.bands()))
                .addValue("sourceChecksum", m.lineage().sourceChecksum()).addValue("tileSet", m.lineage().tileSet())
                .addValue("processing", m.lineage().processing() == null ? null : json.write(m.lineage().processing()));
        jdbc.update("""
                INSERT INTO app.cog_metadata (cog_id, container, blob_path, cog_url, width, height, band_count, dtype,
                       nodata, epsg, transform, resolution, bbox_minx, bbox_miny, bbox_maxx, bbox_maxy, temporal_start,
                       temporal_end, compression, blocksize, overview_levels, raster_type, size_bytes, checksum, band_info,
                       title, description, license, source_file, source_format, source_crs, stac_collection_id,
                       stac_item_id, etl_job_id, source_checksum, processing, tile_set)
                VALUES (:item, :container, :blob, :url, :width, :height, :bands, :dtype, :nodata, :epsg, :transform,
                        :resolution, :minx, :miny, :maxx, :maxy, :tstart, :tend, :compression, :blocksize, :overviews,
                        :rtype, :size, :checksum, CAST(:bandInfo AS jsonb), :title, :description, :license, :sourceFile,
                        :sourceFormat, :sourceCrs, :collection, :item, :job, :sourceChecksum, CAST(:processing AS jsonb),
                        :tileSet)
                ON CONFLICT (stac_collection_id, cog_id) DO UPDATE SET container = EXCLUDED.container, blob_path = EXCLUDED.blob_path,
                       cog_url = EXCLUDED.cog_url, width = EXCLUDED.width, height = EXCLUDED.height,
                       band_count = EXCLUDED.band_count, dtype = EXCLUDED.dtype, nodata = EXCLUDED.nodata,
                       epsg = EXCLUDED.epsg, transform = EXCLUDED.transform, resolution = EXCLUDED.resolution,
                       compression = EXCLUDED.compression, overview_levels = EXCLUDED.overview_levels,
                       size_bytes = EXCLUDED.size_bytes, checksum = EXCLUDED.checksum, band_info = EXCLUDED.band_info,
                       bbox_minx = EXCLUDED.bbox_minx, bbox_miny = EXCLUDED.bbox_miny, bbox_maxx = EXCLUDED.bbox_maxx,
                       bbox_maxy = EXCLUDED.bbox_maxy, blocksize = EXCLUDED.blocksize, raster_type = EXCLUDED.raster_type,
                       title = coalesce(EXCLUDED.title, app.cog_metadata.title),
                       description = coalesce(EXCLUDED.description, app.cog_metadata.description),
                       license = coalesce(EXCLUDED.license, app.cog_metadata.license),
                       source_file = EXCLUDED.source_file, source_crs = EXCLUDED.source_crs,
                       source_checksum = EXCLUDED.source_checksum,
                       processing = EXCLUDED.processing, tile_set = EXCLUDED.tile_set,
                       etl_job_id = EXCLUDED.etl_job_id, updated_at = now()""", p);
    }

    private static MapSqlParameterSource base(BaseMetadata b) {
        return new MapSqlParameterSource("title", b.title()).addValue("description", b.description())
                .addValue("keywords", b.keywords().toArray(String[]::new)).addValue("license", b.license())
                .addValue("attribution", b.attribution()).addValue("minx", b.bbox()[0]).addValue("miny", b.bbox()[1])
                .addValue("maxx", b.bbox()[2]).addValue("maxy", b.bbox()[3]).addValue("tstart", b.temporalStart())
                .addValue("tend", b.temporalEnd()).addValue("collection", b.stacCollectionId())
                .addValue("item", b.stacItemId()).addValue("job", b.jobId()).addValue("sourceFile", b.sourceFile())
                .addValue("sourceFormat", b.sourceFormat()).addValue("sourceCrs", b.sourceCrs());
    }

    /** A table's typed metadata (its catalog row and its latest load), for rebuilding its STAC item. */
    public java.util.Optional<VectorMetadata> findVector(String schema, String table) {
        return jdbc.queryForList("""
                SELECT c.*, t.etl_job_id, t.source_file, t.source_format, t.source_crs, t.rows_read, t.rows_rejected,
                       t.geometry_repairs::text AS repairs_json, t.processing_software,
                       c.column_definitions::text AS columns_json
                  FROM app.table_catalog c
                  LEFT JOIN LATERAL (SELECT * FROM app.vector_etl_tracking v WHERE v.schema_name = c.schema_name
                        AND v.table_name = c.table_name ORDER BY v.created_at DESC LIMIT 1) t ON true
                 WHERE c.schema_name = :s AND c.table_name = :t""", java.util.Map.of("s", schema, "t", table))
                .stream().findFirst().map(row -> MetadataRows.vector(row, json.mapper()));
    }

    /** A COG's typed metadata by collection and id; every collection holding the id when collection is null. */
    public java.util.List<RasterMetadata> findRaster(String collection, String cogId) {
        return jdbc.queryForList("""
                SELECT m.*, m.band_info::text AS bands_json, m.processing::text AS processing_json FROM app.cog_metadata m
                 WHERE m.cog_id = :id AND (CAST(:c AS text) IS NULL OR m.stac_collection_id = :c)
                 ORDER BY m.stac_collection_id""", new MapSqlParameterSource("id", cogId).addValue("c", collection))
                .stream().map(row -> MetadataRows.raster(row, json.mapper())).toList();
    }

    /** Forgets a table's catalog row and load history (unpublish); true when there was a row. */
    public boolean deleteVector(String schema, String table) {
        java.util.Map<String, String> p = java.util.Map.of("s", schema, "t", table);
        jdbc.update("DELETE FROM app.vector_etl_tracking WHERE schema_name = :s AND table_name = :t", p);
        return jdbc.update("DELETE FROM app.table_catalog WHERE schema_name = :s AND table_name = :t", p) > 0;
    }

    /** Forgets a COG's row (unpublish); true when there was one. */
    public boolean deleteRaster(String collection, String cogId) {
        return jdbc.update("DELETE FROM app.cog_metadata WHERE stac_collection_id = :c AND cog_id = :id",
                java.util.Map.of("c", collection, "id", cogId)) > 0;
    }

    /** The COGs of a collection, optionally one tile set's (unpublish of a tiled raster). */
    public java.util.List<RasterMetadata> collectionRasters(String collection, String tileSet) {
        return jdbc.queryForList("""
                SELECT m.*, m.band_info::text AS bands_json, m.processing::text AS processing_json FROM app.cog_metadata m
                 WHERE m.stac_collection_id = :c AND (CAST(:ts AS text) IS NULL OR m.tile_set = :ts)
                 ORDER BY m.cog_id""", new MapSqlParameterSource("c", collection).addValue("ts", tileSet))
                .stream().map(row -> MetadataRows.raster(row, json.mapper())).toList();
    }

    /** Who owns a loaded table: empty when GeoETL did not load it (or no owner was recorded). */
    public java.util.Optional<String> tableOwner(String schema, String table) {
        return jdbc.queryForList("SELECT owner FROM app.table_catalog WHERE schema_name = :s AND table_name = :t"
                        + " AND owner IS NOT NULL", java.util.Map.of("s", schema, "t", table), String.class).stream().findFirst();
    }

    /** A catalogued table's geometry column, SRID and size (empty for a table GeoETL did not load). */
    public java.util.Optional<CatalogedTable> catalogedTable(String schema, String table) {
        return jdbc.query("SELECT schema_name, table_name, primary_geometry, srid, feature_count, geometry_type"
                        + " FROM app.table_catalog WHERE schema_name = :s AND table_name = :t",
                java.util.Map.of("s", schema, "t", table), (rs, n) -> new CatalogedTable(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getInt(4), rs.getLong(5), rs.getString(6))).stream().findFirst();
    }

    /** What a job produced, as the catalogue recorded it: its tables and its COG items. */
    public java.util.List<JobOutput> outputsOf(String jobId) {
        java.util.Map<String, Object> p = java.util.Map.of("job", jobId);
        java.util.List<JobOutput> out = new java.util.ArrayList<>(jdbc.query("""
                SELECT c.schema_name, c.table_name, c.geometry_type, c.feature_count FROM app.table_catalog c
                  JOIN app.vector_etl_tracking t USING (schema_name, table_name)
                 WHERE t.etl_job_id = :job ORDER BY c.schema_name, c.table_name""", p,
                (rs, n) -> JobOutput.table(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))));
        out.addAll(jdbc.query("""
                SELECT stac_collection_id, stac_item_id, width, height FROM app.cog_metadata
                 WHERE etl_job_id = :job ORDER BY stac_collection_id, stac_item_id LIMIT 200""", p,
                (rs, n) -> JobOutput.cog(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4))));
        return out;
    }
}
