package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class HelloWorldIT extends EngineTestSupport {

    @Test
    void hundredGreetingsAndRepliesRunEndToEndThroughTheApi() {
        ResponseEntity<JsonNode> submitted = submit("hello_world", "{\"n\": 100, \"message\": \"hi " + unique() + "\"}");
        assertThat(submitted.getStatusCode().value()).isEqualTo(202);
        assertThat(submitted.getBody().path("status").asText()).isEqualTo("created");
        String jobId = submitted.getBody().path("job_id").asText();
        assertThat(jobId).hasSize(64);

        JsonNode status = awaitEnd(jobId, Duration.ofSeconds(60));
        assertThat(status.path("status").asText()).isEqualTo("completed");
        assertThat(status.path("taskSummary").path("total").asLong()).isEqualTo(200);
        assertThat(status.path("taskSummary").path("completed").asLong()).isEqualTo(200);
        assertThat(status.path("resultData").path("result_count").asInt()).isEqualTo(100);

        // every reply task was planned from, and received, the result of the greeting with its index
        long matched = count("""
                SELECT count(*) FROM app.tasks r
                  JOIN app.tasks g ON g.parent_job_id = r.parent_job_id AND g.stage = 1
                                  AND g.task_index = (r.parameters->'item'->>'index')::int
                 WHERE r.parent_job_id = ? AND r.stage = 2
                   AND r.parameters->'item' = g.result_data
                   AND r.result_data->>'greeting' = g.result_data->>'greeting'""", jobId);
        assertThat(matched).isEqualTo(100);

        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'stage_completed'", jobId))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'job_completed'", jobId))
                .isEqualTo(1);
        JsonNode events = get("/api/jobs/" + jobId + "/events");
        assertThat(events.path("events").get(0).path("eventType").asText()).isEqualTo("job_created");
        JsonNode tasks = get("/api/jobs/" + jobId + "/tasks?stage=2&limit=5");
        assertThat(tasks.path("tasks")).hasSize(5);
        assertThat(tasks.path("tasks").get(0).path("resultData").path("reply").asText()).startsWith("Hello back");
    }
}
