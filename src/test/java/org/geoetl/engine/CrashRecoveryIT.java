package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.geoetl.support.Database.count;
import static org.geoetl.support.Database.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.geoetl.support.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * The service as a real process, killed and restarted: kill -9 mid-job, SIGTERM mid-task with
 * checkpoints, and PostgreSQL restarted under a running job. No manual SQL between the steps.
 */
class CrashRecoveryIT {

    /** Short lease and a frequent janitor, so abandoned tasks are taken back within seconds. */
    private static final String[] FAST_RECOVERY = {
            "--geoetl.worker.lease=4s", "--geoetl.worker.heartbeat=1s", "--geoetl.janitor.cron=0/2 * * * * ?",
            "--geoetl.janitor.queued-timeout=10s", "--geoetl.janitor.signal-timeout=5s"};

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private String submit(ServiceProcess service, String jobType, String params) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/api/jobs/submit/" + jobType))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(params)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json.readTree(r.body()).path("job_id").asText();
    }

    private static void awaitStatus(String jobId, String status, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> status.equals(text("SELECT status FROM app.jobs WHERE job_id = ?", jobId)));
    }

    @Test
    void killMinus9MidJobThenRestartCompletesEveryTaskExactlyOnce() throws Exception {
        try (ServiceProcess service = new ServiceProcess("kill9", FAST_RECOVERY)) {
            service.start();
            String jobId = submit(service, "benchmark_fanout",
                    "{\"tasks\": 1000, \"stages\": 3, \"work_ms\": 2, \"label\": \"" + UUID.randomUUID() + "\"}");
            await().atMost(Duration.ofSeconds(60)).until(() -> count(
                    "SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed'", jobId) >= 800);
            service.kill();
            long doneAtKill = count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed'", jobId);
            assertThat(doneAtKill).isLessThan(3000);

            service.start();
            awaitStatus(jobId, "completed", Duration.ofSeconds(180));
            assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", jobId)).isEqualTo(3000);
            assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed'", jobId))
                    .isEqualTo(3000);
            for (int stage = 1; stage <= 3; stage++) {
                assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND stage = ? AND event_type = 'stage_completed'",
                        jobId, stage)).as("stage %d advanced once", stage).isEqualTo(1);
            }
            assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'job_completed'", jobId))
                    .isEqualTo(1);
            // only the tasks in flight at the kill ran a second time
            assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND attempts > 1", jobId))
                    .isLessThanOrEqualTo(10);
        }
    }

    @Test
    void sigtermSavesTheCheckpointAndTheTaskResumesAfterItsLastPhase() throws Exception {
        try (ServiceProcess service = new ServiceProcess("sigterm", FAST_RECOVERY)) {
            service.start();
            long firstPid = service.pid();
            String jobId = submit(service, "checkpoint_probe",
                    "{\"phases\": 6, \"phase_ms\": 1500, \"label\": \"" + UUID.randomUUID() + "\"}");
            String taskId = JobIds.taskId(jobId, 1, "single");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    count("SELECT checkpoint_phase FROM app.tasks WHERE task_id = ?", taskId) >= 2);
            service.terminate();

            long savedPhase = count("SELECT checkpoint_phase FROM app.tasks WHERE task_id = ?", taskId);
            assertThat(text("SELECT status FROM app.tasks WHERE task_id = ?", taskId)).isEqualTo("interrupted");
            assertThat(savedPhase).isBetween(2L, 5L);
            assertThat(text("SELECT status FROM app.jobs WHERE job_id = ?", jobId)).isEqualTo("processing");

            service.start();
            awaitStatus(jobId, "completed", Duration.ofSeconds(60));
            JsonNode result = json.readTree(text("SELECT result_data::text FROM app.tasks WHERE task_id = ?", taskId));
            assertThat(result.path("resumed_from").asLong()).isEqualTo(savedPhase);
            assertThat(result.path("phases_run_here").get(0).asLong()).isEqualTo(savedPhase + 1);
            assertThat(result.path("phases_run_here")).hasSize((int) (6 - savedPhase));
            for (int phase = 1; phase <= 6; phase++) {
                String ranIn = result.path("by_phase").path("phase_" + phase).asText();
                assertThat(ranIn).as("phase %d", phase)
                        .startsWith((phase <= savedPhase ? firstPid : service.pid()) + "@");
            }
            assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'task_interrupted'", jobId))
                    .isEqualTo(1);
        }
    }

    @Test
    void aJobCompletesAcrossAPostgresRestart() throws Exception {
        try (ServiceProcess service = new ServiceProcess("pgrestart", FAST_RECOVERY)) {
            service.start();
            String jobId = submit(service, "benchmark_fanout",
                    "{\"tasks\": 1500, \"stages\": 2, \"work_ms\": 3, \"label\": \"" + UUID.randomUUID() + "\"}");
            await().atMost(Duration.ofSeconds(60)).until(() -> count(
                    "SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed'", jobId) >= 300);
            Process restart = new ProcessBuilder("pg_ctlcluster", "15", "main", "restart").inheritIO().start();
            assertThat(restart.waitFor()).as("pg_ctlcluster restart (needs root)").isZero();

            awaitStatus(jobId, "completed", Duration.ofSeconds(180));
            assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed'", jobId))
                    .isEqualTo(3000);
            assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'stage_completed'", jobId))
                    .isEqualTo(10);
        }
    }
}
