package org.geoetl.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.geoetl.support.Database.count;
import static org.geoetl.support.Database.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.geoetl.support.LocalCluster;
import org.geoetl.support.PointsFixture;
import org.junit.jupiter.api.Test;

/**
 * The local cluster of scripts/cluster.sh: Artemis's own broker as a separate process, an
 * api,orchestrator,scheduler process and two worker processes on the test database. A
 * benchmark_fanout job and a process_vector job run across the workers; one worker is killed
 * with kill -9 mid-stage; both jobs complete with each task completed once, the surviving worker
 * carries on alone, and a worker started afterwards takes work at once.
 * (Clustered Quartz firing once per tick across two scheduler processes: CuratedScheduleIT.)
 */
class ClusterIT {

    /** Two light consumers per worker, so the fan-out lasts long enough to kill and add workers mid-stage. */
    private static final String WORKER_ARGS = "--geoetl.consumers.light=2 --geoetl.consumers.heavy=1";
    private static final int TASKS = 3000;
    private static final int FEATURES = 40_000;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void jobsSurviveAKilledWorkerAndANewWorkerTakesWorkAtOnce() throws Exception {
        try (LocalCluster cluster = new LocalCluster("cluster-it", 18280, 61916, WORKER_ARGS)) {
            cluster.run("start");
            workerProcessesServeProbesOnly(cluster);
            String w1 = instanceOf(cluster.pid("worker-1"));
            String w2 = instanceOf(cluster.pid("worker-2"));
            assertThat(text("SELECT roles FROM app.worker_instances WHERE instance_id = ?", w1)).isEqualTo("worker-heavy,worker-light");
            assertThat(text("SELECT roles FROM app.worker_instances WHERE instance_id = ?", instanceOf(cluster.pid("api"))))
                    .isEqualTo("api,orchestrator,scheduler");

            String table = "cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String blob = "cluster/" + UUID.randomUUID() + "/points.gpkg";
            Path source = cluster.storage().resolve("bronze").resolve(blob);
            PointsFixture.write(source, FEATURES);
            String bench = submit(cluster, "benchmark_fanout", "{\"tasks\": " + TASKS + ", \"stages\": 2, \"work_ms\": 20,"
                    + " \"label\": \"" + UUID.randomUUID() + "\"}");
            String vector = submit(cluster, "process_vector", "{\"blob_name\": \"" + blob + "\", \"table_name\": \"" + table
                    + "\", \"chunk_size\": 2000}");

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                    completedBy(bench, w1) >= 100 && completedBy(bench, w2) >= 100);
            assertThat(text("SELECT status FROM app.jobs WHERE job_id = ?", bench)).isEqualTo("processing");
            cluster.run("kill-worker", "1");
            // taken once the process is gone: completions stamped later cannot be the dead worker's
            String killedAt = text("SELECT clock_timestamp()::text");
            long orphans = count("SELECT count(*) FROM app.tasks WHERE parent_job_id IN (?, ?) AND status = 'processing'"
                    + " AND executed_by = ?", bench, vector, w1);

            // worker 2 alone, until worker 3 is up
            await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?"
                    + " AND status = 'completed' AND completed_at > CAST(? AS timestamptz)", bench, killedAt) >= 300);
            String thirdStarting = text("SELECT clock_timestamp()::text");
            cluster.run("start-worker", "3");
            String thirdReady = text("SELECT clock_timestamp()::text");
            assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id IN (?, ?) AND completed_at > CAST(? AS timestamptz)"
                    + " AND completed_at < CAST(? AS timestamptz) AND executed_by <> ?", bench, vector, killedAt, thirdStarting, w2))
                    .as("between the kill and the third worker, only the surviving worker completed tasks").isZero();
            assertThat(text("SELECT status FROM app.jobs WHERE job_id = ?", bench)).as("still running when worker 3 is up")
                    .isEqualTo("processing");
            String w3 = instanceOf(cluster.pid("worker-3"));
            long readyAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> completedBy(bench, w3) > 0);
            System.out.printf("ClusterIT: worker 3 completed its first task %d ms after its readiness was seen%n",
                    Duration.ofNanos(System.nanoTime() - readyAt).toMillis());

            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500)).until(() ->
                    finished(bench) && finished(vector));
            assertThat(text("SELECT coalesce(error_details, status) FROM app.jobs WHERE job_id = ?", bench)).isEqualTo("completed");
            assertThat(text("SELECT coalesce(error_details, status) FROM app.jobs WHERE job_id = ?", vector)).isEqualTo("completed");
            assertEachTaskCompletedOnce(bench, 2 * TASKS, orphans);
            assertThat(completedBy(bench, w3)).as("worker 3 did part of the rest").isPositive();
            assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id IN (?, ?) AND executed_by NOT IN (?, ?, ?)",
                    bench, vector, w1, w2, w3)).as("only worker processes ran tasks").isZero();
            assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id IN (?, ?) AND executed_by = ?"
                    + " AND completed_at > CAST(? AS timestamptz)", bench, vector, w1, killedAt)).isZero();
            assertThat(text("SELECT status FROM app.worker_instances WHERE instance_id = ?", w1)).isEqualTo("dead");
            assertThat(count("SELECT count(*) FROM geo." + table)).as("each feature loaded once").isEqualTo(FEATURES);
            assertThat(count("SELECT count(DISTINCT n) FROM geo." + table)).isEqualTo(FEATURES);
            assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed'", vector))
                    .isEqualTo(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", vector));
            System.out.printf("ClusterIT: %d tasks in flight on the killed worker; worker 3 started %s, ready %s%n",
                    orphans, thirdStarting, thirdReady);
        }
    }

    /** A worker-only process: probes and the actuator, no API (404, not a 500 and not an answer). */
    private void workerProcessesServeProbesOnly(LocalCluster cluster) throws Exception {
        for (String path : List.of("/api/jobs", "/api/jobs/types", "/api/openapi.json", "/api/storage/bronze", "/api/workers")) {
            assertThat(get(cluster.url(1) + path, cluster).statusCode()).as("worker %s", path).isEqualTo(404);
            assertThat(get(cluster.url(0) + path, cluster).statusCode()).as("api %s", path).isEqualTo(200);
        }
        // /actuator/health too: the API routes left stopped must not count as down
        for (String path : List.of("/livez", "/readyz", "/actuator/metrics", "/actuator/health")) {
            assertThat(get(cluster.url(1) + path, cluster).statusCode()).as("worker %s", path).isEqualTo(200);
        }
    }

    private void assertEachTaskCompletedOnce(String jobId, int tasks, long orphans) {
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", jobId)).isEqualTo(tasks);
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed'", jobId)).isEqualTo(tasks);
        assertThat(count("SELECT count(*) FROM (SELECT DISTINCT stage, task_index FROM app.tasks WHERE parent_job_id = ?) t",
                jobId)).isEqualTo(tasks);
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND attempts > 1", jobId))
                .as("only tasks the killed worker held ran again").isLessThanOrEqualTo(orphans);
        for (int stage = 1; stage <= 2; stage++) {
            assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND stage = ? AND event_type = 'stage_completed'",
                    jobId, stage)).as("stage %d advanced once", stage).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'job_completed'", jobId))
                .isEqualTo(1);
    }

    private static long completedBy(String jobId, String instance) {
        return count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed' AND executed_by = ?",
                jobId, instance);
    }

    private static boolean finished(String jobId) {
        return List.of("completed", "failed", "cancelled").contains(text("SELECT status FROM app.jobs WHERE job_id = ?", jobId));
    }

    private static String instanceOf(long pid) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM app.worker_instances WHERE pid = ? AND status = 'alive'", pid) == 1);
        return text("SELECT instance_id FROM app.worker_instances WHERE pid = ? AND status = 'alive'", pid);
    }

    private String submit(LocalCluster cluster, String jobType, String params) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(cluster.url(0) + "/api/jobs/submit/" + jobType))
                .header("Content-Type", "application/json").header("X-API-Key", cluster.adminKey())
                .POST(HttpRequest.BodyPublishers.ofString(params)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json.readTree(r.body()).path("job_id").asText();
    }

    private HttpResponse<String> get(String url, LocalCluster cluster) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", cluster.adminKey()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
