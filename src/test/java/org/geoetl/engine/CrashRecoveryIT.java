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

    /** Planning steps of 50 tasks, so a 6,000-task stage takes long enough to be killed half-way. */
    private static final String[] SMALL_PLANNING_STEPS = {
            "--geoetl.engine.first-planning-chunk=50", "--geoetl.engine.planning-chunk=50"};

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private String submit(ServiceProcess service, String jobType, String params) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/api/jobs/submit/" + jobType))
                .header("Content-Type", "application/json").header("X-API-Key", service.adminKey()).POST(HttpRequest.BodyPublishers.ofString(params)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json.readTree(r.body()).path("job_id").asText();
    }

    private static void awaitStatus(String jobId, String status, Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .until(() -> status.equals(text("SELECT status FROM app.jobs WHERE job_id = ?", jobId)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("job " + jobId + " not " + status + " within " + timeout + "; " + jobState(jobId), e);
        }
    }

    /** What a stalled job looks like, so a failure says where it stopped (tasks, the last events, who ran them). */
    private static String jobState(String jobId) {
        return "job " + org.geoetl.support.Database.pairs("SELECT 'status/stage', status || '/' || stage FROM app.jobs"
                + " WHERE job_id = ?", jobId)
                + ", tasks by stage/status " + org.geoetl.support.Database.pairs("SELECT stage || '/' || status, count(*)::text"
                + " FROM app.tasks WHERE parent_job_id = ? GROUP BY 1", jobId)
                + ", tasks by executor " + org.geoetl.support.Database.pairs("SELECT coalesce(executed_by, '-'), count(*)::text"
                + " FROM app.tasks WHERE parent_job_id = ? GROUP BY 1", jobId)
                + ", events " + org.geoetl.support.Database.pairs("SELECT event_type, count(*)::text FROM app.job_events"
                + " WHERE job_id = ? GROUP BY 1", jobId)
                + ", instances " + org.geoetl.support.Database.pairs("SELECT instance_id, status || ' pid ' || pid FROM app.worker_instances"
                + " WHERE started_at > now() - interval '15 minutes'");
    }

    /**
     * kill -9 with the default 5-minute lease and the janitor's default schedule: the restarted
     * process finds its previous incarnation gone and re-queues what it held at once, so the job
     * finishes in seconds, not after the lease. Each task completes once; only the tasks the dead
     * process held ran twice.
     */
    @Test
    void killMinus9MidStageRecoversInSecondsNotAfterTheLease() throws Exception {
        try (ServiceProcess service = new ServiceProcess("kill9-lease")) {
            service.start();
            String jobId = submit(service, "benchmark_fanout",
                    "{\"tasks\": 2000, \"stages\": 2, \"work_ms\": 5, \"label\": \"" + UUID.randomUUID() + "\"}");
            await().atMost(Duration.ofSeconds(60)).until(() -> count(
                    "SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed'", jobId) >= 300);
            service.kill();
            long orphans = count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'processing'", jobId);
            String deadInstance = text("SELECT max(executed_by) FROM app.tasks WHERE parent_job_id = ? AND status = 'processing'", jobId);
            assertThat(orphans).as("tasks in flight at the kill").isPositive();

            long restarted = System.nanoTime();
            service.start();
            awaitStatus(jobId, "completed", Duration.ofSeconds(90));
            Duration took = Duration.ofNanos(System.nanoTime() - restarted);
            assertThat(took).as("finished long before a 5-minute lease could expire").isLessThan(Duration.ofSeconds(120));
            assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed'", jobId))
                    .isEqualTo(4000);
            for (int stage = 1; stage <= 2; stage++) {
                assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND stage = ? AND event_type = 'stage_completed'",
                        jobId, stage)).as("stage %d advanced once", stage).isEqualTo(1);
            }
            assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'job_completed'", jobId))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND attempts > 1", jobId))
                    .as("only the tasks the dead process held ran again").isLessThanOrEqualTo(orphans);
            assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'task_requeued'"
                    + " AND error_message LIKE 'worker % died (process % is gone)%'", jobId)).isEqualTo(orphans);
            assertThat(text("SELECT status FROM app.worker_instances WHERE instance_id = ?", deadInstance)).isEqualTo("dead");
            assertThat(count("SELECT tasks_released FROM app.worker_instances WHERE instance_id = ?", deadInstance))
                    .isEqualTo(orphans);
            HttpResponse<String> workers = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/api/workers"))
                    .header("X-API-Key", service.adminKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode dead = null;
            for (JsonNode i : json.readTree(workers.body()).path("instances")) {
                if (i.path("instanceId").asText().equals(deadInstance)) {
                    dead = i;
                }
            }
            assertThat(dead).as("the dead instance is listed by GET /api/workers").isNotNull();
            assertThat(dead.path("status").asText()).isEqualTo("dead");
            assertThat(dead.path("endReason").asText()).contains("is gone");
        }
    }

    /**
     * kill -9 while a 6,000-task stage is still being planned (50 tasks per planning step), then a
     * restart on the same broker journal: the redelivered planning step carries on where the
     * committed chunks end. Every task exists once and completes once.
     */
    @Test
    void killMinus9MidPlanningIsCompletedByRedelivery() throws Exception {
        try (ServiceProcess service = new ServiceProcess("kill9-planning", SMALL_PLANNING_STEPS)) {
            service.start();
            String jobId = submit(service, "benchmark_fanout", "{\"tasks\": 6000, \"stages\": 1, \"work_ms\": 1,"
                    + " \"label\": \"" + UUID.randomUUID() + "\"}");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() ->
                    count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", jobId) >= 300);
            service.kill();
            long inserted = count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", jobId);
            assertThat(inserted).as("killed before planning finished").isLessThan(6000);

            service.start();
            awaitStatus(jobId, "completed", Duration.ofSeconds(120));
            assertPlannedAndCompletedOnce(jobId, 6000);
        }
    }

    /**
     * The same crash, but the broker's journal is lost too (the restart gets a fresh broker): no
     * message survives, and the janitor and the instance reaper finish the plan and the job from
     * the database alone.
     */
    @Test
    void killMinus9MidPlanningWithTheMessagesLostIsCompletedByTheJanitor() throws Exception {
        String jobId;
        String since = text("SELECT now()::text");
        // a short lease: with the reaper off below, the killed process's claimed tasks come back when it expires
        String[] shortLease = java.util.stream.Stream.of(SMALL_PLANNING_STEPS,
                new String[] {"--geoetl.worker.lease=4s", "--geoetl.worker.heartbeat=1s"})
                .flatMap(java.util.Arrays::stream).toArray(String[]::new);
        try (ServiceProcess service = new ServiceProcess("kill9-planning-lost", shortLease)) {
            service.start();
            jobId = submit(service, "benchmark_fanout", "{\"tasks\": 6000, \"stages\": 1, \"work_ms\": 1,"
                    + " \"label\": \"" + UUID.randomUUID() + "\"}");
            String id = jobId;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() ->
                    count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", id) >= 300);
            service.kill();
            assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", jobId)).isLessThan(6000);
        }
        // the reaper off: a restart would re-send the job itself (see the next test); this one is the janitor's
        String[] freshBroker = java.util.stream.Stream.of(SMALL_PLANNING_STEPS, FAST_RECOVERY,
                new String[] {"--geoetl.worker.reaper=false"}).flatMap(java.util.Arrays::stream).toArray(String[]::new);
        try (ServiceProcess fresh = new ServiceProcess("kill9-planning-lost-fresh", freshBroker)) {
            fresh.start();
            awaitStatus(jobId, "completed", Duration.ofSeconds(120));
            assertPlannedAndCompletedOnce(jobId, 6000);
            assertThat(count("SELECT count(*) FROM app.janitor_runs WHERE started_at > CAST(? AS timestamptz)"
                    + " AND (actions->>'plans_resumed')::int > 0", since))
                    .as("the janitor resumed the plan whose step was lost").isPositive();
        }
    }

    /**
     * kill -9 and the embedded broker's journal gone with it (a fresh broker directory): every
     * message is lost, including those of steps the database had committed. The restarted process
     * finds its previous incarnation gone and submits every unfinished job again, which re-sends
     * their queued tasks — the job completes with the janitor off, long before a queued-timeout.
     */
    @Test
    void killMinus9WithTheBrokerJournalLostIsResentByTheRestart() throws Exception {
        String jobId;
        try (ServiceProcess service = new ServiceProcess("kill9-journal-lost")) {
            service.start();
            jobId = submit(service, "benchmark_fanout", "{\"tasks\": 3000, \"stages\": 2, \"work_ms\": 2,"
                    + " \"label\": \"" + UUID.randomUUID() + "\"}");
            String id = jobId;
            await().atMost(Duration.ofSeconds(60)).until(() -> count(
                    "SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed'", id) >= 300);
            service.kill();
        }
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'queued'", jobId))
                .as("queued tasks whose messages die with the journal").isPositive();
        try (ServiceProcess fresh = new ServiceProcess("kill9-journal-lost-fresh", "--geoetl.janitor.enabled=false")) {
            fresh.start();
            awaitStatus(jobId, "completed", Duration.ofSeconds(90));
            assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed'", jobId))
                    .isEqualTo(6000);
            for (int stage = 1; stage <= 2; stage++) {
                assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND stage = ?"
                        + " AND event_type = 'stage_completed'", jobId, stage)).as("stage %d advanced once", stage).isEqualTo(1);
            }
        }
    }

    private static void assertPlannedAndCompletedOnce(String jobId, int tasks) {
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", jobId)).isEqualTo(tasks);
        assertThat(count("SELECT count(DISTINCT task_index) FROM app.tasks WHERE parent_job_id = ?", jobId)).isEqualTo(tasks);
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed'", jobId))
                .isEqualTo(tasks);
        assertThat(count("SELECT remaining_tasks FROM app.job_stages WHERE job_id = ? AND stage = 1", jobId)).isZero();
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND stage = 1 AND event_type = 'stage_completed'",
                jobId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND stage = 1 AND event_type = 'stage_started'",
                jobId)).as("the stage was planned once; later steps only inserted its remaining tasks").isEqualTo(1);
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
