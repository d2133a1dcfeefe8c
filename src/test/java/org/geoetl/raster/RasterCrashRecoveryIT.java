package org.geoetl.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.geoetl.support.Database.count;
import static org.geoetl.support.Database.text;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconst;
import org.geoetl.support.Database;
import org.geoetl.support.RasterFixtures;
import org.geoetl.support.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the service while the tiles of a large raster are being written: after a restart the
 * job completes, the tiles finished before the kill are not written again, and the mosaic is the
 * source pixel for pixel.
 */
class RasterCrashRecoveryIT {

    @Test
    void killMinus9MidTilingResumesWithoutRedoingFinishedTiles() throws Exception {
        String root = Path.of("target", "test-storage").toAbsolutePath().toString();
        Path source = RasterFixtures.tif(Path.of("target", "raster-fixtures"), "crash-dem", 6144, 6144, 1,
                gdalconst.GDT_Float32, 32733, new double[] {500000, 9800000}, 30.0, null,
                (b, x, y) -> 1000 + 300 * Math.sin(x / 90.0) * Math.cos(y / 110.0));
        String blob = "crash/" + UUID.randomUUID() + "/dem.tif";
        Path target = Path.of(root, "bronze", blob);
        Files.createDirectories(target.getParent());
        Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        String collection = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        // 144 MB of Float32 over a 16 MB threshold, 4 MB tiles = 1024 pixels a side: 6 × 6 tiles
        try (ServiceProcess service = new ServiceProcess("raster-kill9", "--geoetl.storage.accounts.local.root=" + root,
                "--geoetl.worker.work-dir=target/work-raster-crash", "--geoetl.worker.lease=4s",
                "--geoetl.worker.heartbeat=1s", "--geoetl.janitor.cron=0/2 * * * * ?", "--geoetl.janitor.queued-timeout=10s",
                "--geoetl.janitor.signal-timeout=5s", "--geoetl.raster.tiling-threshold=16MB",
                "--geoetl.raster.tile-target=4MB")) {
            service.start();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(service.url() + "/api/jobs/submit/process_raster")).header("Content-Type", "application/json").header("X-API-Key", service.adminKey())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"blob_name\": \"" + blob + "\", \"collection_id\": \""
                            + collection + "\", \"item_id\": \"dem\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            String jobId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("job_id").asText();
            String finishedTiles = "SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND task_type = 'raster_tile'"
                    + " AND status = 'completed'";
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                    .until(() -> count(finishedTiles, jobId) >= 4);
            service.kill();

            Map<String, String> before = finishedTiles(jobId);
            assertThat(before.size()).as("killed mid-way").isBetween(4, 35);
            Path tiles = Path.of(root, "silver", "cogs", collection, "dem");
            Map<String, Long> written = new HashMap<>();
            for (String tileId : before.keySet()) {
                written.put(tileId, Files.getLastModifiedTime(tiles.resolve(tileId + ".tif")).toMillis());
            }

            service.start();
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500))
                    .until(() -> List.of("completed", "failed").contains(text("SELECT status FROM app.jobs WHERE job_id = ?", jobId)));
            assertThat(text("SELECT coalesce(error_details, status) FROM app.jobs WHERE job_id = ?", jobId)).isEqualTo("completed");
            assertThat(count(finishedTiles, jobId)).isEqualTo(36);

            // the tiles finished before the kill: same completion, same attempt, same file
            Map<String, String> after = finishedTiles(jobId);
            before.forEach((tileId, completion) -> assertThat(after.get(tileId)).as(tileId).isEqualTo(completion));
            for (Map.Entry<String, Long> e : written.entrySet()) {
                assertThat(Files.getLastModifiedTime(tiles.resolve(e.getKey() + ".tif")).toMillis()).as(e.getKey())
                        .isEqualTo(e.getValue());
            }
            assertThat(count("SELECT count(*) FROM app.cog_metadata WHERE stac_collection_id = ? AND tile_set = 'dem'",
                    collection)).isEqualTo(36);
            assertThat(count("SELECT count(*) FROM stac.items WHERE collection_id = ?", collection)).isEqualTo(36);

            // every pixel of the source is in exactly one tile, unchanged; the mosaic places all 36
            gdal.AllRegister();
            Dataset original = gdal.Open(target.toString());
            try {
                assertThat(RasterFixtures.tilesDifference(original, tiles)).isEmpty();
            } finally {
                original.delete();
            }
            Dataset mosaic = RasterFixtures.openVrt(tiles.resolve("mosaic.vrt"));
            original = gdal.Open(target.toString());
            try {
                assertThat(RasterFixtures.difference(original, mosaic, 1, 0)).isEmpty();
            } finally {
                mosaic.delete();
                original.delete();
            }
        }
    }

    /** tile id → "completed_at / attempts" of each finished tile task. */
    private static Map<String, String> finishedTiles(String jobId) {
        return Database.pairs("SELECT parameters->'item'->>'tile_id', completed_at::text || ' / ' || attempts"
                + " FROM app.tasks WHERE parent_job_id = ? AND task_type = 'raster_tile' AND status = 'completed'", jobId);
    }
}
