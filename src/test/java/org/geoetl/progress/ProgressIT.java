package org.geoetl.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The progress model on a real run: a steady benchmark_fanout job (8 batches of 50 tasks of 300 ms
 * on the light consumers, about 15 s), sampled once a quarter of it is done.
 */
class ProgressIT extends EngineTestSupport {

    @Test
    void aSteadyJobsEtaIsWithinTwiceTheRealRemainingTimeAndItEndsAtAHundredPercent() {
        String jobId = submit("benchmark_fanout", "{\"tasks\": 400, \"work_ms\": 300, \"label\": \"progress-" + unique()
                + "\"}").getBody().path("job_id").asText();

        JsonNode[] sample = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode p = get("/api/jobs/" + jobId + "/progress");
            sample[0] = p;
            return p.path("tasks").path("completed").asLong() >= 100;
        });
        long sampledAt = System.nanoTime();
        JsonNode p = sample[0];
        assertThat(p.path("status").asText()).isEqualTo("processing");
        assertThat(p.path("rate_per_min").asDouble()).isPositive();
        assertThat(p.path("eta_seconds").isNumber()).as("ETA known once tasks complete: %s", p).isTrue();
        assertThat(p.path("eta_scope").asText()).isEqualTo("job");
        assertThat(p.path("progress_pct").asDouble()).isBetween(20.0, 99.9);
        assertThat(p.path("tasks").path("total").asLong()).isEqualTo(400);
        assertThat(p.path("stages")).hasSize(10);
        assertThat(p.path("stages").get(0).path("status").asText()).isEqualTo("running");
        assertThat(p.path("stages").get(1).path("status").asText()).isEqualTo("skipped");
        assertThat(p.path("running").size()).as("running tasks listed: %s", p).isPositive();
        double eta = p.path("eta_seconds").asDouble();

        JsonNode end = awaitEnd(jobId, Duration.ofSeconds(120));
        double actual = (System.nanoTime() - sampledAt) / 1e9;
        assertThat(end.path("status").asText()).isEqualTo("completed");
        assertThat(eta).as("ETA %s s against %s s really remaining", eta, actual)
                .isBetween(actual / 2, actual * 2);

        System.out.printf("progress: ETA %.1f s at %.0f %%, really %.1f s remaining%n", eta,
                p.path("progress_pct").asDouble(), actual);
        JsonNode done = get("/api/jobs/" + jobId + "/progress");
        assertThat(done.path("progress_pct").asDouble()).isEqualTo(100.0);
        assertThat(done.path("eta_seconds").asDouble()).isZero();
        assertThat(done.path("eta_seconds").isNumber()).isTrue();
        assertThat(done.path("tasks").path("completed").asLong()).isEqualTo(400);
        assertThat(done.path("error_rate").asDouble()).isZero();

        // snapshots were taken while it ran, and one more shows its end
        await().atMost(Duration.ofSeconds(20)).until(() -> "completed".equals(jdbc.queryForObject(
                "SELECT status FROM app.job_metrics WHERE job_id = ? ORDER BY taken_at DESC LIMIT 1", String.class, jobId)));
        assertThat(count("SELECT count(*) FROM app.job_metrics WHERE job_id = ? AND status = 'processing'"
                + " AND rate_per_min > 0", jobId)).isPositive();
        assertThat(count("SELECT count(*) FROM app.job_metrics WHERE job_id = ? AND status = 'completed'", jobId))
                .isEqualTo(1);

        JsonNode active = get("/api/metrics/active?minutes=5");
        assertThat(active.path("minutes").asInt()).isEqualTo(5);
        JsonNode listed = null;
        for (JsonNode j : active.path("jobs")) {
            if (j.path("job_id").asText().equals(jobId)) {
                listed = j;
            }
        }
        assertThat(listed).as("the job is among the active ones").isNotNull();
        assertThat(listed.path("progress_pct").asDouble()).isEqualTo(100.0);
        boolean snapshotted = false;
        for (JsonNode s : active.path("snapshots")) {
            snapshotted |= s.path("job_id").asText().equals(jobId) && s.path("rate_per_min").asDouble() > 0;
        }
        assertThat(snapshotted).isTrue();
    }

    @Test
    void badArgumentsAreClear400sAndAnUnknownJobA404() {
        assertThat(http.getForEntity("/api/metrics/active?minutes=0", JsonNode.class).getStatusCode().value()).isEqualTo(400);
        assertThat(http.getForEntity("/api/metrics/active?minutes=abc", JsonNode.class).getStatusCode().value()).isEqualTo(400);
        assertThat(http.getForEntity("/api/jobs/nope/progress", JsonNode.class).getStatusCode().value()).isEqualTo(404);
    }
}
