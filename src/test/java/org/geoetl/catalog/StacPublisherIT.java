package org.geoetl.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.geoetl.catalog.metadata.BaseMetadata;
import org.geoetl.catalog.metadata.RasterMetadata;
import org.geoetl.catalog.metadata.StacPublisher;
import org.geoetl.catalog.metadata.VectorMetadata;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.StacValidator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Typed metadata records become valid STAC items (table / projection / raster / file extensions) and typed rows. */
class StacPublisherIT extends EngineTestSupport {

    @Autowired
    StacPublisher publisher;

    @Test
    void vectorAndRasterMetadataArePublishedAsValidItemsAndTypedRows() throws Exception {
        String tag = unique().substring(0, 8);
        BaseMetadata vectorBase = new BaseMetadata("geo.roads_" + tag, "Roads", "Road network", List.of("roads"),
                "CC-BY-4.0", "Ministry", new double[] {29.5, -4.5, 30.9, -1.0},
                OffsetDateTime.parse("2020-01-01T00:00:00Z"), OffsetDateTime.parse("2023-12-31T00:00:00Z"),
                "roads.kml", "KML", "EPSG:4326", "job-" + tag, "process_vector", "system-vectors-" + tag, "postgis-geo-roads_" + tag);
        publisher.publish(new VectorMetadata(vectorBase, "geo", "roads_" + tag, "MULTILINESTRING", 1234, 1240, 6, 4326,
                List.of(new VectorMetadata.Column("name", "text", "Name"), new VectorMetadata.Column("lanes", "integer", "LANES")),
                Map.of("made_valid", 3L, "repeated_vertices_removed", 10L), "GeoETL 0.1.0 / GDAL 3.6.2", "test-admin"));

        BaseMetadata rasterBase = new BaseMetadata("silver/dem_" + tag + ".tif", "DEM", null, List.of(), "CC0-1.0", null,
                new double[] {10.0, 45.0, 11.0, 46.0}, OffsetDateTime.parse("2021-06-01T00:00:00Z"), null,
                "dem.tif", "GTiff", "EPSG:32632", "job-" + tag, "process_raster", "cogs-" + tag, "dem-" + tag);
        publisher.publish(new RasterMetadata(rasterBase, "silver", "dem_" + tag + ".tif",
                "http://localhost:8080/api/storage/silver/dem_" + tag + ".tif", 1000, 800, "float32", -9999.0, 32632,
                new double[] {600000, 30, 0, 5100000, 0, -30}, new double[] {600000, 5076000, 630000, 5100000},
                "DEFLATE", 512, List.of(2, 4, 8), "dem", 2_345_678, "1220" + "ab".repeat(32),
                List.of(new RasterMetadata.Band("elevation", "m", 120.0, 3400.5, 1100.2, 300.1)), null));

        JsonNode vector = get("/api/stac/collections/system-vectors-" + tag + "/items/postgis-geo-roads_" + tag
                + "?include_unpublished=true");
        assertThat(vector.path("properties").path("table:row_count").asLong()).isEqualTo(1234);
        assertThat(vector.path("properties").path("app:published").asBoolean(true)).isFalse();
        JsonNode raster = get("/api/stac/collections/cogs-" + tag + "/items/dem-" + tag + "?include_unpublished=true");
        assertThat(raster.path("properties").path("proj:epsg").asInt()).isEqualTo(32632);
        assertThat(raster.path("assets").path("data").path("raster:bands").get(0).path("nodata").asDouble()).isEqualTo(-9999.0);
        StacValidator.validate(mapper, List.of(vector, raster, get("/api/stac/collections/cogs-" + tag)));

        assertThat(count("SELECT feature_count FROM app.table_catalog WHERE table_name = ?", "roads_" + tag)).isEqualTo(1234);
        assertThat(count("SELECT rows_rejected FROM app.vector_etl_tracking WHERE table_name = ?", "roads_" + tag)).isEqualTo(6);
        assertThat(count("SELECT width FROM app.cog_metadata WHERE stac_collection_id = ? AND cog_id = ?", "cogs-" + tag,
                "dem-" + tag)).isEqualTo(1000);
        assertThat(jdbc.queryForObject("SELECT overview_levels::text FROM app.cog_metadata WHERE cog_id = ?"
                + " AND stac_collection_id = ?", String.class, "dem-" + tag, "cogs-" + tag)).isEqualTo("{2,4,8}");

        // the same item id in another collection is another COG: it must not take over the first one's row
        BaseMetadata elsewhere = new BaseMetadata("silver/other_" + tag + ".tif", "DEM", null, List.of(), "CC0-1.0", null,
                new double[] {10.0, 45.0, 11.0, 46.0}, null, null, "other.tif", "GTiff", "EPSG:32632", "job2-" + tag,
                "process_raster", "cogs2-" + tag, "dem-" + tag);
        publisher.publish(new RasterMetadata(elsewhere, "silver", "other_" + tag + ".tif",
                "http://localhost:8080/api/storage/silver/other_" + tag + ".tif", 500, 400, "float32", null, 32632,
                new double[] {600000, 60, 0, 5100000, 0, -60}, new double[] {600000, 5076000, 630000, 5100000},
                "DEFLATE", 512, List.of(), "dem", 1000, null, List.of(new RasterMetadata.Band("b1", null, null, null, null, null)),
                null));
        assertThat(count("SELECT count(*) FROM app.cog_metadata WHERE cog_id = ?", "dem-" + tag)).isEqualTo(2);
        assertThat(count("SELECT width FROM app.cog_metadata WHERE stac_collection_id = ? AND cog_id = ?", "cogs-" + tag,
                "dem-" + tag)).isEqualTo(1000);
    }
}
