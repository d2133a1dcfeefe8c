package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/** Transient failures retry with growing delays; exhausted or permanent ones fail the job and dead-letter once. */
class RetryAndFailureIT extends EngineTestSupport {

    @Autowired
    JmsTemplate jms;

    @Test
    void aTaskThatAlwaysFailsTransientlyIsRetriedWithGrowingDelaysThenFailsTheJob() {
        String jobId = submit("benchmark_fanout", "{\"tasks\": 1, \"fail_index\": 0, \"label\": \"" + unique() + "\"}")
                .getBody().path("job_id").asText();
        JsonNode status = awaitEnd(jobId, Duration.ofSeconds(60));
        assertThat(status.path("status").asText()).isEqualTo("failed");
        assertThat(status.path("errorDetails").asText())
                .contains("benchmark_task #0").contains("transient").contains("injected failure").contains("after 4 attempts");

        String taskId = JobIds.taskId(jobId, 1, "0");
        assertThat(jdbc.queryForObject("SELECT attempts FROM app.tasks WHERE task_id = ?", Integer.class, taskId)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT status FROM app.tasks WHERE task_id = ?", String.class, taskId)).isEqualTo("failed");

        // three retries, each announced with a longer backoff than the last (base 200 ms in tests)
        List<Long> delays = jdbc.queryForList("""
                SELECT (event_data->>'delay_ms')::bigint FROM app.job_events
                 WHERE job_id = ? AND event_type = 'task_retrying' ORDER BY event_id""", Long.class, jobId);
        assertThat(delays).hasSize(3);
        assertThat(delays.get(0)).isBetween(100L, 200L);
        assertThat(delays.get(1)).isBetween(200L, 400L);
        assertThat(delays.get(2)).isBetween(400L, 800L);
        // and the attempts really waited: each start follows the previous failure by at least its delay
        List<Double> gaps = jdbc.queryForList("""
                SELECT EXTRACT(EPOCH FROM created_at - lag(created_at) OVER (ORDER BY event_id)) * 1000
                  FROM app.job_events WHERE job_id = ? AND event_type IN ('task_retrying', 'task_failed')
                 ORDER BY event_id""", Double.class, jobId);
        assertThat(gaps.get(1)).isGreaterThanOrEqualTo(delays.get(0) - 5.0);
        assertThat(gaps.get(3)).isGreaterThan(gaps.get(1));

        assertThat(deadLetters(taskId)).isEqualTo(1);
    }

    @Test
    void aPermanentErrorIsNotRetriedAndCancelsTheSiblings() {
        String jobId = submit("benchmark_fanout", "{\"tasks\": 60, \"stages\": 2, \"work_ms\": 200, \"fail_index\": 0,"
                + " \"fail_kind\": \"permanent\", \"label\": \"" + unique() + "\"}").getBody().path("job_id").asText();
        JsonNode status = awaitEnd(jobId, Duration.ofSeconds(60));
        assertThat(status.path("status").asText()).isEqualTo("failed");
        assertThat(status.path("errorDetails").asText()).contains("(permanent)").doesNotContain("after");

        String taskId = JobIds.taskId(jobId, 1, "0");
        assertThat(jdbc.queryForObject("SELECT attempts FROM app.tasks WHERE task_id = ?", Integer.class, taskId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'task_retrying'", jobId)).isZero();
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'cancelled'", jobId))
                .isGreaterThan(30);

        // siblings that were running finish; their completions are recorded but advance nothing
        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'processing'", jobId) == 0);
        assertThat(jdbc.queryForObject("SELECT status FROM app.jobs WHERE job_id = ?", String.class, jobId)).isEqualTo("failed");
        assertThat(count("SELECT count(*) FROM app.job_stages WHERE job_id = ? AND stage = 2", jobId)).isZero();
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'stage_completed'", jobId)).isZero();
        assertThat(deadLetters(taskId)).isEqualTo(1);
    }

    private long deadLetters(String taskId) {
        List<Message> all = jms.browse("DLQ", (session, browser) -> Collections.list(browser.getEnumeration()));
        return all.stream().filter(m -> {
            try {
                return m instanceof TextMessage t && t.getText().contains(taskId)
                        && m.getStringProperty("geoetlDeadLetterReason") != null;
            } catch (Exception e) {
                return false;
            }
        }).count();
    }
}
