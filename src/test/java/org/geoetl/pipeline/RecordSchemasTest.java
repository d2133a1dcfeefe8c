package org.geoetl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordSchemasTest {

    enum Mode { FAST, SAFE }

    record Point(double x, double y) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Job(int chunkSize, Long limit, String tableName, boolean dryRun, Mode mode, List<Point> points,
               Optional<String> note, Map<String, Integer> counts, java.time.OffsetDateTime since) {
    }

    record Node(String name, List<Node> children) {
    }

    @Test
    void recordsBecomeObjectsNamedAsTheEngineWritesThem() {
        JsonNode s = RecordSchemas.of(Job.class);
        assertThat(s.path("type").asText()).isEqualTo("object");
        assertThat(s.path("title").asText()).isEqualTo("Job");
        JsonNode p = s.path("properties");
        assertThat(p.path("chunk_size").path("type").asText()).isEqualTo("integer");
        assertThat(p.path("limit").path("type").asText()).isEqualTo("integer");
        assertThat(p.path("table_name").path("type").asText()).isEqualTo("string");
        assertThat(p.path("dry_run").path("type").asText()).isEqualTo("boolean");
        assertThat(p.path("mode").path("enum").toString()).isEqualTo("[\"FAST\",\"SAFE\"]");
        assertThat(p.path("points").path("type").asText()).isEqualTo("array");
        assertThat(p.path("points").path("items").path("properties").path("x").path("type").asText()).isEqualTo("number");
        assertThat(p.path("note").path("type").asText()).isEqualTo("string");
        assertThat(p.path("counts").path("additionalProperties").path("type").asText()).isEqualTo("integer");
        assertThat(p.path("since").path("format").asText()).isEqualTo("date-time");
        // primitives cannot be absent; boxed and Optional components can
        assertThat(s.path("required").toString()).isEqualTo("[\"chunk_size\",\"dry_run\"]");
    }

    @Test
    void recursiveRecordsStopAtTheirOwnType() {
        JsonNode s = RecordSchemas.of(Node.class);
        assertThat(s.path("properties").path("children").path("items").path("type").asText()).isEqualTo("object");
        assertThat(s.path("properties").path("children").path("items").has("properties")).isFalse();
    }

    @Test
    void noTypeIsAnySchema() {
        assertThat(RecordSchemas.of(null).isEmpty()).isTrue();
    }

    @Test
    void theBenchmarkHandlerDescribesItsParametersAndResult() {
        var entry = TaskTypes.describe(new org.geoetl.diagnostic.BenchmarkTaskHandler());
        assertThat(entry.get("queue_class")).isEqualTo("light");
        JsonNode params = (JsonNode) entry.get("parameters");
        assertThat(params.path("properties").path("work_ms").path("type").asText()).isEqualTo("integer");
        assertThat(params.path("properties").path("failure_rate").path("type").asText()).isEqualTo("number");
        assertThat(((JsonNode) entry.get("result")).path("properties").path("stage").path("type").asText()).isEqualTo("integer");
    }
}
