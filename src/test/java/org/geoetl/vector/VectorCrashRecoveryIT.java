package org.geoetl.vector;

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
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.geoetl.support.PointsFixture;
import org.geoetl.support.ServiceProcess;
import org.junit.jupiter.api.Test;

/** kill -9 of the service while process_vector loads: after a restart every feature is in the table exactly once. */
class VectorCrashRecoveryIT {

    @Test
    void killMinus9DuringTheLoadStageLeavesEachFeatureOnce() throws Exception {
        int features = 150_000;
        Path gpkg = PointsFixture.write(Path.of("target", "vector-fixtures", UUID.randomUUID() + ".gpkg").toAbsolutePath(),
                features);

        String root = Path.of("target", "test-storage").toAbsolutePath().toString();
        String blob = "crash/" + UUID.randomUUID() + "/points.gpkg";
        Path target = Path.of(root, "bronze", blob);
        Files.createDirectories(target.getParent());
        Files.copy(gpkg, target);
        String table = "crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (ServiceProcess service = new ServiceProcess("vector-kill9", "--geoetl.storage.accounts.local.root=" + root,
                "--geoetl.worker.work-dir=target/work-crash", "--geoetl.worker.lease=4s",
                "--geoetl.worker.heartbeat=1s", "--geoetl.janitor.cron=0/2 * * * * ?", "--geoetl.janitor.queued-timeout=10s",
                "--geoetl.janitor.signal-timeout=5s")) {
            service.start();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(service.url() + "/api/jobs/submit/process_vector")).header("Content-Type", "application/json").header("X-API-Key", service.adminKey())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"blob_name\": \"" + blob + "\", \"table_name\": \"" + table
                            + "\", \"chunk_size\": 10000}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            String jobId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("job_id").asText();
            await().atMost(Duration.ofSeconds(120)).until(() -> count(
                    "SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND stage = 2 AND status = 'completed'", jobId) >= 3);
            service.kill();
            assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND stage = 2 AND status = 'completed'",
                    jobId)).isLessThan(15);

            service.start();
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                    .until(() -> List.of("completed", "failed").contains(text("SELECT status FROM app.jobs WHERE job_id = ?", jobId)));
            assertThat(text("SELECT coalesce(error_details, status) FROM app.jobs WHERE job_id = ?", jobId)).isEqualTo("completed");
            assertThat(count("SELECT count(*) FROM geo." + table)).isEqualTo(features);
            assertThat(count("SELECT count(DISTINCT n) FROM geo." + table)).isEqualTo(features);
            assertThat(count("SELECT count(*) FROM geo." + table + "_etl_report")).isZero();
        }
    }
}
