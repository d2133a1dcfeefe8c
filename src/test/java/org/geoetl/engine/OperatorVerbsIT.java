package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.geoetl.engine.message.TaskMessage;
import org.geoetl.engine.route.MessageCodec;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.jms.core.JmsTemplate;

/** Cancel, retry-failed-only, pause/resume, duplicate delivery and resubmit/delete, end to end. */
class OperatorVerbsIT extends EngineTestSupport {

    @Autowired
    JmsTemplate jms;
    @Autowired
    MessageCodec codec;
    @Autowired
    EmbeddedActiveMQ broker;

    /** Messages on a queue not yet acknowledged (waiting, scheduled or being delivered). */
    private long onQueue(String queue) {
        return broker.getActiveMQServer().locateQueue(SimpleString.of(queue)).getMessageCount();
    }

    private ResponseEntity<JsonNode> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
    }

    @org.junit.jupiter.api.RepeatedTest(3)
    void cancelStopsAJobAndNothingStartsAfterwards() {
        String jobId = submit("benchmark_fanout", "{\"tasks\": 300, \"work_ms\": 100, \"label\": \"" + unique() + "\"}")
                .getBody().path("job_id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed'", jobId) >= 10);
        ResponseEntity<JsonNode> cancelled = post("/api/jobs/" + jobId + "/cancel", "{\"reason\": \"wrong input\"}");
        assertThat(cancelled.getStatusCode().value()).isEqualTo(200);
        assertThat(cancelled.getBody().path("cancelled_tasks").asInt()).isGreaterThan(100);
        OffsetDateTime at = jdbc.queryForObject("SELECT completed_at FROM app.jobs WHERE job_id = ?", OffsetDateTime.class, jobId);

        // once the attempts in flight at the cancel have finished, nothing is left that could start
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status IN ('processing', 'queued')", jobId) == 0);
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND execution_started_at > ?", jobId, at))
                .isZero();
        assertThat(status(jobId).path("status").asText()).isEqualTo("cancelled");
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'job_cancelled'", jobId))
                .isEqualTo(1);
        assertThat(post("/api/jobs/" + jobId + "/cancel", "{}").getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void retryRunsOnlyTheFailedTasksAndTheJobContinues() {
        String jobId = submit("benchmark_fanout", "{\"tasks\": 20, \"stages\": 2, \"fail_index\": 3,"
                + " \"fail_kind\": \"permanent\", \"fail_attempts\": 1, \"label\": \"" + unique() + "\"}")
                .getBody().path("job_id").asText();
        assertThat(awaitEnd(jobId, Duration.ofSeconds(30)).path("status").asText()).isEqualTo("failed");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'processing'", jobId) == 0);
        Map<String, Object> before = jdbc.queryForMap("""
                SELECT count(*) FILTER (WHERE status = 'completed') AS done, max(completed_at) AS last
                  FROM app.tasks WHERE parent_job_id = ? AND stage = 1""", jobId);

        ResponseEntity<JsonNode> retried = post("/api/jobs/" + jobId + "/retry", "");
        assertThat(retried.getStatusCode().value()).isEqualTo(200);
        assertThat(retried.getBody().path("requeued_tasks").asLong())
                .isEqualTo(20 - ((Number) before.get("done")).longValue());
        JsonNode done = awaitEnd(jobId, Duration.ofSeconds(30));
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("taskSummary").path("completed").asLong()).isEqualTo(40);

        // the tasks that had completed were not run again
        assertThat(count("""
                SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND stage = 1 AND attempts = 1
                   AND completed_at <= ?""", jobId, before.get("last"))).isEqualTo(((Number) before.get("done")).longValue());
        assertThat(jdbc.queryForObject("SELECT attempts FROM app.tasks WHERE task_id = ?", Integer.class,
                JobIds.taskId(jobId, 1, "3"))).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'job_retry_failed'", jobId))
                .isEqualTo(1);
        assertThat(done.path("errorHistory")).hasSize(1);
    }

    @Test
    void pausedQueueHoldsWorkAndDuplicateDeliveriesHaveOneEffect() {
        assertThat(post("/api/queues/functionapp-tasks/pause", "").getBody().path("consumption").asText()).isEqualTo("paused");
        String jobId;
        String taskId;
        try {
            jobId = submit("benchmark_fanout", "{\"tasks\": 1, \"work_ms\": 300, \"label\": \"" + unique() + "\"}")
                    .getBody().path("job_id").asText();
            taskId = JobIds.taskId(jobId, 1, "0");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    count("SELECT count(*) FROM app.tasks WHERE task_id = ? AND status = 'queued'", taskId) == 1);
            // two more copies of the same message wait beside the original
            String copy = codec.write(new TaskMessage(taskId, jobId, 1, "benchmark_task", "light"));
            long before = onQueue("functionapp-tasks");
            jms.convertAndSend("functionapp-tasks", copy);
            jms.convertAndSend("functionapp-tasks", copy);
            // all three wait in the broker: the paused route consumes none of them
            await().atMost(Duration.ofSeconds(5)).until(() -> onQueue("functionapp-tasks") >= before + 2);
            assertThat(count("SELECT count(*) FROM app.tasks WHERE task_id = ? AND status = 'queued'", taskId)).isEqualTo(1);
        } finally {
            assertThat(post("/api/queues/functionapp-tasks/resume", "").getBody().path("consumption").asText())
                    .isEqualTo("consuming");
        }
        // three concurrent deliveries: one claim, one run
        assertThat(awaitEnd(jobId, Duration.ofSeconds(20)).path("status").asText()).isEqualTo("completed");
        // and one more after completion
        jms.convertAndSend("functionapp-tasks", codec.write(new TaskMessage(taskId, jobId, 1, "benchmark_task", "light")));
        // acknowledged means handled: the consumer's transaction committed
        await().atMost(Duration.ofSeconds(10)).until(() -> onQueue("functionapp-tasks") == 0);
        assertThat(jdbc.queryForObject("SELECT attempts FROM app.tasks WHERE task_id = ?", Integer.class, taskId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'stage_completed'", jobId)).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'job_completed'", jobId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM app.operator_actions WHERE action IN ('queue_paused', 'queue_resumed')"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void resubmitAndDeleteHonourDryRunAndConfirmation() {
        String jobId = submit("hello_world", "{\"n\": 2, \"message\": \"again " + unique() + "\"}").getBody().path("job_id").asText();
        awaitEnd(jobId, Duration.ofSeconds(20));

        ResponseEntity<JsonNode> dry = post("/api/jobs/" + jobId + "/resubmit", "{\"dry_run\": true}");
        assertThat(dry.getBody().path("tasks_deleted").asInt()).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", jobId)).isEqualTo(4);

        post("/api/jobs/" + jobId + "/resubmit", "{}");
        JsonNode again = awaitEnd(jobId, Duration.ofSeconds(20));
        assertThat(again.path("status").asText()).isEqualTo("completed");
        assertThat(again.path("attempt").asInt()).isEqualTo(2);

        assertThat(http.exchange("/api/jobs/" + jobId, HttpMethod.DELETE, null, JsonNode.class).getStatusCode().value())
                .isEqualTo(400);
        assertThat(http.exchange("/api/jobs/" + jobId + "?dry_run=true", HttpMethod.DELETE, null, JsonNode.class)
                .getBody().path("tasks_deleted").asInt()).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM app.jobs WHERE job_id = ?", jobId)).isEqualTo(1);
        assertThat(http.exchange("/api/jobs/" + jobId + "?confirm=yes", HttpMethod.DELETE, null, JsonNode.class)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM app.jobs WHERE job_id = ?", jobId)).isZero();
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", jobId)).isZero();
    }

    @Test
    void aConcurrencyCapLimitsRunningTasksOfAType() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        http.exchange("/api/task-types/hello_world_greeting/concurrency", HttpMethod.PUT,
                new HttpEntity<>("{\"max_concurrency\": 2}", headers), JsonNode.class);
        try {
            String jobId = submit("hello_world", "{\"n\": 12, \"message\": \"capped " + unique() + "\"}")
                    .getBody().path("job_id").asText();
            int peak = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            while (!"completed".equals(jdbc.queryForObject("SELECT status FROM app.jobs WHERE job_id = ?", String.class, jobId))
                    && System.currentTimeMillis() < deadline) {
                peak = Math.max(peak, (int) count("""
                        SELECT count(*) FROM app.tasks WHERE task_type = 'hello_world_greeting' AND status = 'processing'"""));
            }
            assertThat(status(jobId).path("status").asText()).isEqualTo("completed");
            assertThat(peak).isLessThanOrEqualTo(2);
        } finally {
            http.exchange("/api/task-types/hello_world_greeting/concurrency", HttpMethod.PUT,
                    new HttpEntity<>("{\"max_concurrency\": null}", headers), JsonNode.class);
        }
    }
}
