package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.Test;

/** The fan-out rules through the whole engine, with the test-only engine_probe job. */
class FanOutRulesIT extends EngineTestSupport {

    @Test
    void eachBatchZeroTaskAndFanInStagesPlanFromParametersAndAnyEarlierStage() {
        String jobId = submit("engine_probe", "{\"items\": [1, 2, 3, 4, 5], \"batch_size\": 2, \"tag\": \"" + unique() + "\"}")
                .getBody().path("job_id").asText();
        JsonNode status = awaitEnd(jobId, Duration.ofSeconds(30));
        assertThat(status.path("status").asText()).isEqualTo("completed");

        List<Long> perStage = jdbc.queryForList(
                "SELECT total_tasks::bigint FROM app.job_stages WHERE job_id = ? ORDER BY stage", Long.class, jobId);
        assertThat(perStage).containsExactly(5L, 0L, 3L, 1L);

        // stage 3 batches the results of stage 1 (two stages back), in task order
        List<String> batchSizes = jdbc.queryForList("""
                SELECT jsonb_array_length(parameters->'items')::text FROM app.tasks
                 WHERE parent_job_id = ? AND stage = 3 ORDER BY task_index""", String.class, jobId);
        assertThat(batchSizes).containsExactly("2", "2", "1");
        assertThat(count("""
                SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND stage = 3 AND task_index = 0
                   AND parameters->'items'->0->'params'->>'item' = '1'""", jobId)).isEqualTo(1);

        // the fan-in task saw every result of its source stage
        JsonNode collected = status.path("resultData").path("results").get(0);
        assertThat(collected.path("count").asInt()).isEqualTo(5);
        assertThat(collected.path("expected_count").asInt()).isEqualTo(5);
        assertThat(collected.path("sum").asInt()).isEqualTo(15);

        // the zero-task stage completed at once, exactly once
        assertThat(count("""
                SELECT count(*) FROM app.job_events WHERE job_id = ? AND stage = 2 AND event_type = 'stage_completed'""",
                jobId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND target_queue = 'container-tasks'",
                jobId)).isEqualTo(1);
    }

    @Test
    void aJobWhoseStagesAllPlanNothingCompletes() {
        String jobId = submit("benchmark_fanout", "{\"tasks\": 0, \"stages\": 3, \"label\": \"" + unique() + "\"}")
                .getBody().path("job_id").asText();
        JsonNode status = awaitEnd(jobId, Duration.ofSeconds(30));
        assertThat(status.path("status").asText()).isEqualTo("completed");
        assertThat(status.path("taskSummary").path("total").asLong()).isZero();
        assertThat(count("SELECT count(*) FROM app.job_stages WHERE job_id = ? AND status = 'completed'", jobId))
                .isEqualTo(10);
    }

    @Test
    void aFanOutAboveTheLimitFailsTheJobWithAClearError() {
        String jobId = submit("benchmark_fanout", "{\"tasks\": 100000, \"stages\": 1, \"label\": \"" + unique() + "\"}")
                .getBody().path("job_id").asText();
        JsonNode status = awaitEnd(jobId, Duration.ofSeconds(30));
        assertThat(status.path("status").asText()).isEqualTo("failed");
        assertThat(status.path("errorDetails").asText()).contains("limit is 50000");
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", jobId)).isZero();
    }
}
