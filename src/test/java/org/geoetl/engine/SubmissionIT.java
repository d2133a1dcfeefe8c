package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class SubmissionIT extends EngineTestSupport {

    @Test
    void identicalParametersReturnTheSameJobAndRunNothingTwice() {
        String params = "{\"n\": 4, \"message\": \"same " + unique() + "\"}";
        String jobId = submit("hello_world", params).getBody().path("job_id").asText();
        awaitEnd(jobId, Duration.ofSeconds(30));
        long tasksBefore = count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", jobId);

        // key order and number spelling do not change the id; failure_rate is left out of it
        String reordered = params.replace("{\"n\": 4, ", "{").replace("}", ", \"n\": 4.0, \"failure_rate\": 0.5}");
        ResponseEntity<JsonNode> again = submit("hello_world", reordered);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().path("job_id").asText()).isEqualTo(jobId);
        assertThat(again.getBody().path("status").asText()).isEqualTo("already_completed");
        assertThat(again.getBody().path("idempotent").asBoolean()).isTrue();
        assertThat(again.getBody().path("result").path("result_count").asInt()).isEqualTo(4);

        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", jobId)).isEqualTo(tasksBefore);
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'job_created'", jobId))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'stage_started'", jobId))
                .isEqualTo(2);
    }

    @Test
    void resubmittingARunningJobAnswersItsStatus() {
        String params = "{\"tasks\": 20, \"work_ms\": 100, \"label\": \"" + unique() + "\"}";
        String jobId = submit("benchmark_fanout", params).getBody().path("job_id").asText();
        ResponseEntity<JsonNode> again = submit("benchmark_fanout", params);
        assertThat(again.getBody().path("job_id").asText()).isEqualTo(jobId);
        assertThat(again.getBody().path("status").asText()).isIn("queued", "processing");
        assertThat(again.getBody().path("idempotent").asBoolean()).isTrue();
        assertThat(awaitEnd(jobId, Duration.ofSeconds(30)).path("status").asText()).isEqualTo("completed");
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", jobId)).isEqualTo(20);
    }

    @Test
    void invalidParametersAre400WithFieldErrorsAndLeaveNoRows() {
        long jobsBefore = count("SELECT count(*) FROM app.jobs");
        ResponseEntity<JsonNode> response = submit("hello_world", "{\"n\": 0, \"mesage\": \"typo\"}");
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        JsonNode errors = response.getBody().path("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("n", "mesage");
        assertThat(errors.toString()).contains("unknown parameter 'mesage'");

        assertThat(submit("hello_world", "[1, 2]").getStatusCode().value()).isEqualTo(400);
        assertThat(submit("hello_world", "{\"n\": ").getStatusCode().value()).isEqualTo(400);
        assertThat(submit("hello_world", "{\"n\": \"three\"}").getStatusCode().value()).isEqualTo(400);
        assertThat(count("SELECT count(*) FROM app.jobs")).isEqualTo(jobsBefore);
    }

    @Test
    void unknownJobTypeIs404() {
        ResponseEntity<JsonNode> response = submit("no_such_job", "{}");
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getBody().path("error").asText()).contains("no_such_job");
        assertThat(http.getForEntity("/api/jobs/status/" + "0".repeat(64), JsonNode.class).getStatusCode().value())
                .isEqualTo(404);
    }

    @Test
    void aFailedJobIsResetAndRunAgainWithItsHistoryKept() {
        String message = "flaky " + unique();
        String jobId = submit("hello_world", "{\"n\": 3, \"message\": \"" + message + "\", \"failure_rate\": 1}")
                .getBody().path("job_id").asText();
        JsonNode failed = awaitEnd(jobId, Duration.ofSeconds(60));
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("errorDetails").asText()).contains("hello_world_greeting").contains("simulated failure");

        // failure_rate is not part of the id: the same job is reset and re-run without failures
        ResponseEntity<JsonNode> again = submit("hello_world", "{\"n\": 3, \"message\": \"" + message + "\"}");
        assertThat(again.getStatusCode().value()).isEqualTo(202);
        assertThat(again.getBody().path("job_id").asText()).isEqualTo(jobId);
        assertThat(again.getBody().path("status").asText()).isEqualTo("resubmitted");
        JsonNode done = awaitEnd(jobId, Duration.ofSeconds(60));
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("attempt").asInt()).isEqualTo(2);
        assertThat(done.path("errorHistory")).hasSize(1);
        assertThat(done.path("errorHistory").get(0).path("error").asText()).contains("simulated failure");
        assertThat(done.path("taskSummary").path("completed").asLong()).isEqualTo(6);
    }
}
