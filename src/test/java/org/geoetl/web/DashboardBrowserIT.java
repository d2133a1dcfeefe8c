package org.geoetl.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.gdal.gdalconst.gdalconst;
import org.geoetl.support.RasterFixtures;
import org.geoetl.support.ServiceProcess;
import org.geoetl.support.VectorFixtures;
import org.junit.jupiter.api.Test;

/**
 * The operations dashboard in a real browser (Debian's chromium, driven by playwright-core from
 * ui/; ui/tests/dashboard.mjs): while a benchmark_fanout job runs, its progress bar on the
 * dashboard advances and ends at 100 %; the job page shows the swimlane and the timeline; the map
 * previews a table process_vector loaded and a COG process_raster wrote; a failed job shows its
 * task's error and the retry verb, a retried one its retry history; a reader sees no operator
 * buttons. Any console error, failed request or HTTP error answer fails it. Screenshots land in
 * target/screenshots/.
 */
class DashboardBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 3 stages of 48 one-second tasks on 8 light consumers: about 25 s */
    private static final int STAGES = 3;
    private static final int TASKS = 48;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDashboardShowsARunningJobToTheEndItsTasksTimelineAndMapPreviews() throws Exception {
        String root = Path.of("target", "test-storage").toAbsolutePath().toString();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String vectorBlob = "dashboard/" + run + "/sites.geojson";
        VectorFixtures.write(Path.of(root, "bronze", vectorBlob), "GeoJSON", "sites", 4326, List.of("name"), List.of(
                new VectorFixtures.Row("POLYGON ((10 45, 12 45, 12 47, 10 47, 10 45))", Map.of("name", "alpine block")),
                new VectorFixtures.Row("POLYGON ((13 44, 15 44, 14 46, 13 44))", Map.of("name", "adriatic wedge"))));
        String rasterBlob = "dashboard/" + run + "/dem.tif";
        Path tif = RasterFixtures.tif(Path.of("target", "raster-fixtures"), "dem", 240, 120, 1, gdalconst.GDT_Float32, 4326,
                new double[] {20, 50}, 0.02, null, (b, x, y) -> x + y);
        Files.createDirectories(Path.of(root, "bronze", rasterBlob).getParent());
        Files.copy(tif, Path.of(root, "bronze", rasterBlob));

        try (ServiceProcess service = new ServiceProcess("dashboard", "--geoetl.storage.accounts.local.root=" + root,
                "--geoetl.worker.work-dir=target/work-dashboard")) {
            service.start();
            String table = "dash_" + run;
            String vectorJob = submit(service, "process_vector", Map.of("blob_name", vectorBlob, "table_name", table));
            String rasterJob = submit(service, "process_raster", Map.of("blob_name", rasterBlob, "collection_id", "dash-" + run));
            // a permanent failure (errors, the retry verb) and a transient one retried once (retry history)
            String failedJob = submit(service, "benchmark_fanout", Map.of("tasks", 4, "fail_index", 1,
                    "fail_kind", "permanent", "label", "fail-" + run));
            String retriedJob = submit(service, "benchmark_fanout", Map.of("tasks", 4, "fail_index", 2,
                    "fail_kind", "transient", "fail_attempts", 1, "label", "retry-" + run));
            awaitStatus(service, vectorJob, "completed");
            awaitStatus(service, rasterJob, "completed");
            awaitStatus(service, failedJob, "failed");
            awaitStatus(service, retriedJob, "completed");
            String readerKey = post(service, "/api/admin/api-keys",
                    Map.of("owner", "dashboard-reader-" + run, "roles", List.of("reader"))).path("key").asText();
            assertThat(readerKey).startsWith("geoetl_");

            String bench = submit(service, "benchmark_fanout", Map.of("tasks", TASKS, "stages", STAGES, "work_ms", 1000, "label", run));
            Path screenshots = Path.of("target", "screenshots").toAbsolutePath();
            ProcessBuilder node = new ProcessBuilder("node", "tests/dashboard.mjs").directory(Path.of("ui").toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(
                            service.log().getParent().resolve("browser.log").toFile()));
            // keys travel in the environment, never on a command line
            node.environment().putAll(Map.of("GEOETL_URL", service.url(), "GEOETL_KEY", service.adminKey(),
                    "GEOETL_READER_KEY", readerKey, "GEOETL_BENCH_JOB", bench, "GEOETL_VECTOR_JOB", vectorJob,
                    "GEOETL_RASTER_JOB", rasterJob, "GEOETL_BENCH_TASKS", String.valueOf(STAGES * TASKS), "SCREENSHOTS", screenshots.toString(),
                    "GEOETL_FAILED_JOB", failedJob, "GEOETL_RETRIED_JOB", retriedJob));
            node.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"); // playwright-core uses /usr/bin/chromium
            Process browser = node.start();
            assertThat(browser.waitFor(240, TimeUnit.SECONDS)).as("the browser test finished").isTrue();
            String report = Files.readString(service.log().getParent().resolve("browser.log"));
            assertThat(browser.exitValue()).as(report).isZero();
            JsonNode observed = JSON.readTree(report.substring(report.indexOf('{'))).path("observed");
            assertThat(observed.path("cells").asInt()).as(report).isEqualTo(STAGES * TASKS);
            assertThat(observed.path("lanes").asInt()).isEqualTo(STAGES);
            assertThat(observed.path("05-map-vector").toString()).contains(table).contains("2 of 2 features");
            assertThat(observed.path("06-map-cog").toString()).contains("dash-" + run);
            for (String shot : List.of("02-dashboard-running", "02b-job-page-running", "03-dashboard-done", "04-job-page", "05-map-vector",
                    "06-map-cog", "07-job-page-reader", "08-map-page", "09-job-failed", "10-job-retried", "11-job-cancelled")) {
                assertThat(screenshots.resolve(shot + ".png")).isNotEmptyFile();
            }
        }
    }

    private String submit(ServiceProcess service, String type, Map<String, Object> params) throws Exception {
        JsonNode r = post(service, "/api/jobs/submit/" + type, params);
        assertThat(r.path("job_id").asText()).as(r.toString()).hasSize(64);
        return r.path("job_id").asText();
    }

    private JsonNode post(ServiceProcess service, String path, Object body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.url() + path))
                .header("Content-Type", "application/json").header("X-API-Key", service.adminKey())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    private void awaitStatus(ServiceProcess service, String jobId, String expected) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/api/jobs/status/" + jobId))
                    .header("X-API-Key", service.adminKey()).build(), HttpResponse.BodyHandlers.ofString());
            String status = JSON.readTree(r.body()).path("status").asText();
            if (List.of("completed", "failed", "cancelled").contains(status)) {
                assertThat(status).as(r.body()).isEqualTo(expected);
                return true;
            }
            return false;
        });
    }
}
