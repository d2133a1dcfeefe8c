package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobIdsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void equalParametersGiveEqualIdsWhateverTheirSpelling() throws Exception {
        String a = JobIds.jobId("t", json.readTree("{\"b\": 3, \"a\": {\"y\": [1, 2.50], \"x\": \"s\"}}"), Set.of());
        String b = JobIds.jobId("t", json.readTree("{\"a\": {\"x\": \"s\", \"y\": [1.0, 2.5]}, \"b\": 3.00}"), Set.of());
        assertThat(a).isEqualTo(b).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void typeValuesAndExclusionsMatter() throws Exception {
        var params = json.readTree("{\"n\": 3, \"failure_rate\": 0.5}");
        assertThat(JobIds.jobId("t", params, Set.of())).isNotEqualTo(JobIds.jobId("u", params, Set.of()));
        assertThat(JobIds.jobId("t", params, Set.of("failure_rate")))
                .isEqualTo(JobIds.jobId("t", json.readTree("{\"n\": 3}"), Set.of()));
        assertThat(JobIds.jobId("t", json.readTree("{\"n\": 4}"), Set.of()))
                .isNotEqualTo(JobIds.jobId("t", json.readTree("{\"n\": 3}"), Set.of()));
    }

    @Test
    void taskIdsDependOnJobStageAndUnit() {
        String job = "a".repeat(64);
        assertThat(JobIds.taskId(job, 1, "0")).isEqualTo(JobIds.taskId(job, 1, "0")).hasSize(64);
        assertThat(JobIds.taskId(job, 1, "0")).isNotEqualTo(JobIds.taskId(job, 2, "0"));
        assertThat(JobIds.taskId(job, 1, "0")).isNotEqualTo(JobIds.taskId("b".repeat(64), 1, "0"));
    }
}
