package org.geoetl.raster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.WarpOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconst;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.RasterFixtures;
import org.geoetl.support.StacValidator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * A raster above the tiling threshold (4 MB in the test profile, 512-pixel tiles for Float32) is
 * cut into tile COGs by parallel tasks, published as items of the collection with a VRT mosaic, and
 * the mosaic is the source pixel for pixel.
 */
class TiledRasterIT extends EngineTestSupport {

    @Autowired
    StorageAccounts accounts;

    private final Path work = Path.of("target", "raster-fixtures");
    private final Path silver = Path.of("target", "test-storage", "silver");

    private String upload(Path file) throws Exception {
        String name = "tiled/" + unique() + "/" + file.getFileName();
        accounts.get("local").put("bronze", name, Files.newInputStream(file), Long.MAX_VALUE, null);
        return name;
    }

    private JsonNode run(String params) {
        ResponseEntity<JsonNode> r = submit("process_raster", params);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(202);
        JsonNode status = awaitEnd(r.getBody().path("job_id").asText(), Duration.ofSeconds(180));
        assertThat(status.path("status").asText()).as(status.path("errorDetails").asText()).isEqualTo("completed");
        JsonNode summary = status.path("resultData");
        // the result of the last stage, with the summary's per-stage task counts beside it
        return ((com.fasterxml.jackson.databind.node.ObjectNode) summary.path("results").get(0).deepCopy())
                .set("_stages", summary.path("stages"));
    }

    @Test
    void aLargeRasterIsTiledAcrossTasksAndItsMosaicIsTheSourcePixelForPixel() throws Exception {
        Path source = RasterFixtures.tif(work, "big-dem", 1500, 1300, 1, gdalconst.GDT_Float32, 32633,
                new double[] {500000, 9800000}, 30.0, -9999.0, (b, x, y) -> x < 40 ? -9999 : 900 + 200 * Math.sin(x / 70.0) + y * 0.3);
        String collection = "tiled-" + unique().substring(0, 8);
        JsonNode r = run("{\"blob_name\": \"" + upload(source) + "\", \"collection_id\": \"" + collection
                + "\", \"item_id\": \"big-dem\", \"title\": \"Big DEM\"}");

        assertThat(r.path("strategy").asText()).isEqualTo("tiled");
        assertThat(r.path("strategy_reason").asText()).contains("tiling threshold");
        assertThat(r.path("memory_estimate_mb").asLong()).isEqualTo(1500L * 1300 * 4 / (1024 * 1024));
        assertThat(r.path("tile_count").asInt()).isEqualTo(9); // 3 × 3 tiles of 512 (edges 476 × 276)
        assertThat(r.path("_stages").toString()).contains("\"name\":\"tiles\"");
        for (JsonNode stage : r.path("_stages")) {
            int expected = switch (stage.path("name").asText()) {
                case "tiles" -> 9;
                case "convert" -> 0;
                default -> 1;
            };
            assertThat(stage.path("tasks").asInt()).as(stage.toString()).isEqualTo(expected);
        }

        // the mosaic: one raster, the source's grid, the source's pixels (lossless DEFLATE)
        Dataset mosaic = RasterFixtures.openVrt(silver.resolve(r.path("mosaic").path("blob").asText()));
        Dataset original = gdal.Open(source.toString());
        try {
            assertThat(mosaic.getRasterXSize()).isEqualTo(1500);
            assertThat(mosaic.getRasterYSize()).isEqualTo(1300);
            assertThat(mosaic.GetGeoTransform()).containsExactly(original.GetGeoTransform());
            Double[] nodata = new Double[1];
            mosaic.GetRasterBand(1).GetNoDataValue(nodata);
            assertThat(nodata[0]).isEqualTo(-9999.0);
            assertThat(RasterFixtures.difference(RasterFixtures.pixels(original, 1), RasterFixtures.pixels(mosaic, 1), 1500, 0))
                    .isEmpty();
        } finally {
            mosaic.delete();
            original.delete();
        }

        // every tile is a COG in its own right, catalogued as an item of the tile set
        List<JsonNode> docs = new ArrayList<>();
        for (JsonNode itemId : r.path("tile_items")) {
            JsonNode item = get("/api/stac/collections/" + collection + "/items/" + itemId.asText() + "?include_unpublished=true");
            assertThat(item.path("properties").path("app:tile_set").asText()).isEqualTo("big-dem");
            assertThat(item.path("properties").path("title").asText()).isEqualTo("Big DEM");
            docs.add(item);
        }
        assertThat(docs).hasSize(9);
        Dataset tile = gdal.Open(silver.resolve("cogs/" + collection + "/big-dem/r000-c000.tif").toString());
        assertThat(tile.GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE")).isEqualTo("COG");
        assertThat(tile.GetRasterBand(1).GetBlockXSize()).isEqualTo(512);
        assertThat(tile.getRasterXSize()).isEqualTo(512); // one block: no overviews needed
        tile.delete();
        assertThat(count("SELECT count(*) FROM app.cog_metadata WHERE stac_collection_id = ? AND tile_set = 'big-dem'"
                + " AND source_checksum = ?", collection, r.path("source_checksum").asText())).isEqualTo(9);

        JsonNode c = get("/api/stac/collections/" + collection);
        JsonNode asset = c.path("assets").path("big-dem_mosaic");
        assertThat(asset.path("roles").toString()).contains("mosaic");
        assertThat(asset.path("href").asText()).endsWith("cogs/" + collection + "/big-dem/mosaic.vrt");
        assertThat(c.path("extent").path("spatial").path("bbox").get(0).get(0).asDouble()).isBetween(14.9, 15.1);
        docs.add(c);
        StacValidator.validate(mapper, docs);

        // the tile set exists now: submitting the same name again without overwrite is refused
        assertThat(submit("process_raster", "{\"blob_name\": \"" + docs.get(0).path("properties").path("app:source_file")
                .asText() + "\", \"collection_id\": \"" + collection + "\", \"item_id\": \"big-dem\"}")
                .getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void reprojectedTilesAreCutInTheOutputGridAndFitTogether() throws Exception {
        Path source = RasterFixtures.tif(work, "utm-dem", 1300, 1100, 1, gdalconst.GDT_Float32, 32733,
                new double[] {500000, 9800000}, 30.0, null, (b, x, y) -> 500 + x * 0.7 + y * 0.2);
        String collection = "tiled-wgs84-" + unique().substring(0, 8);
        JsonNode r = run("{\"blob_name\": \"" + upload(source) + "\", \"collection_id\": \"" + collection
                + "\", \"item_id\": \"utm-dem\", \"target_crs\": \"EPSG:4326\"}");
        assertThat(r.path("strategy").asText()).isEqualTo("tiled");
        assertThat(r.path("tile_count").asInt()).isGreaterThan(1);

        Dataset mosaic = RasterFixtures.openVrt(silver.resolve(r.path("mosaic").path("blob").asText()));
        Dataset src = gdal.Open(source.toString());
        try {
            double[] gt = mosaic.GetGeoTransform();
            assertThat(gt[0]).isBetween(14.99, 15.01);
            // the same warp over the whole raster, on the mosaic's grid, with the profile's resampling
            double[] extent = {gt[0], gt[3] + mosaic.getRasterYSize() * gt[5], gt[0] + mosaic.getRasterXSize() * gt[1], gt[3]};
            Dataset whole = gdal.Warp("", new Dataset[] {src}, new WarpOptions(new Vector<>(List.of("-of", "MEM",
                    "-t_srs", "EPSG:4326", "-r", "average", "-tr", Double.toString(gt[1]), Double.toString(-gt[5]),
                    "-te", Double.toString(extent[0]), Double.toString(extent[1]), Double.toString(extent[2]),
                    Double.toString(extent[3])))));
            try {
                // GDAL's warper approximates the transform to within 0.125 pixel, per chunk, so a tile and the
                // whole may sample up to that far apart: on this field (0.7 + 0.2 per pixel) at most 0.1125.
                // A seam, gap or misplaced tile would differ by far more.
                double tolerance = 0.125 * (0.7 + 0.2);
                assertThat(RasterFixtures.difference(RasterFixtures.pixels(whole, 1), RasterFixtures.pixels(mosaic, 1),
                        mosaic.getRasterXSize(), tolerance)).as("where the tiled warp differs from the whole warp").isEmpty();
            } finally {
                whole.delete();
            }
        } finally {
            mosaic.delete();
            src.delete();
        }
    }

    @Test
    void aTiledJobThatFailsLeavesNoTileBehind() throws Exception {
        // the bottom rows are cut off: the header, the central sample and the top tiles read, the bottom tiles cannot
        Path whole = RasterFixtures.tif(work, "cut-dem", 1500, 1300, 1, gdalconst.GDT_Float32, 32733,
                new double[] {500000, 9800000}, 30.0, null, (b, x, y) -> 700 + x * 0.1 + y * 0.1);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = work.resolve(unique() + "-cut-dem.tif");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 92 / 100));
        String collection = "tiled-cut-" + unique().substring(0, 8);
        ResponseEntity<JsonNode> r = submit("process_raster", "{\"blob_name\": \"" + upload(cut)
                + "\", \"collection_id\": \"" + collection + "\", \"item_id\": \"cut\"}");
        String jobId = r.getBody().path("job_id").asText();
        JsonNode status = awaitEnd(jobId, Duration.ofSeconds(180));
        assertThat(status.path("status").asText()).isEqualTo("failed");
        assertThat(status.path("errorDetails").asText()).contains("raster_tile").contains("COG creation failed")
                .contains("cut-dem.tif").doesNotContain("/source/input");
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND task_type = 'raster_tile'"
                + " AND status = 'completed'", jobId)).as("some tiles were written before the failure").isPositive();

        assertThat(count("SELECT count(*) FROM app.cog_metadata WHERE stac_collection_id = ?", collection)).isZero();
        assertThat(count("SELECT count(*) FROM stac.items WHERE collection_id = ?", collection)).isZero();
        Path tiles = silver.resolve("cogs/" + collection + "/cut");
        try (var left = Files.exists(tiles) ? Files.list(tiles) : java.util.stream.Stream.<Path>empty()) {
            assertThat(left.toList()).as("tile blobs left behind").isEmpty();
        }
        // and the name is free again: no 400 at submit
        ResponseEntity<JsonNode> again = submit("process_raster", "{\"blob_name\": \"" + upload(cut)
                + "\", \"collection_id\": \"" + collection + "\", \"item_id\": \"cut\", \"title\": \"again\"}");
        assertThat(again.getStatusCode().value()).isEqualTo(202);
        awaitEnd(again.getBody().path("job_id").asText(), Duration.ofSeconds(180));
    }
}
