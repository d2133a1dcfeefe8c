package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.PermanentTaskException;
import org.junit.jupiter.api.Test;

class StageDataTest {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)

    record TileResult(String blobPath, long bytesWritten, List<Integer> bandIndexes) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)

    record Params(int workMs, String label) {
    }

    @Test
    void aRecordResultIsStoredWithSnakeCaseKeysAndReadBackAsTheSameRecord() {
        TileResult result = new TileResult("silver/t_0_1.tif", 1234L, List.of(1, 2, 3));
        JsonNode stored = StageData.write(result);
        assertThat(stored.has("blob_path")).isTrue();
        assertThat(stored.path("bytes_written").asLong()).isEqualTo(1234L);
        assertThat(StageData.read(stored, TileResult.class, "results")).isEqualTo(result);
    }

    /** A record without a naming annotation keeps its component names, as results always had. */
    record Column(String source, String ogrType) {
    }

    @Test
    void aRecordWithoutNamingKeepsItsComponentNames() {
        JsonNode stored = StageData.write(Map.of("columns", List.of(new Column("Tag Name", "String"))));
        assertThat(stored.path("columns").get(0).path("ogrType").asText()).isEqualTo("String");
        assertThat(StageData.read(stored.path("columns").get(0), Column.class, "results"))
                .isEqualTo(new Column("Tag Name", "String"));
    }

    @Test
    void mapsPassThroughUnchangedAndUnknownKeysAreIgnored() throws Exception {
        assertThat(StageData.write(Map.of("index", 3)).path("index").asInt()).isEqualTo(3);
        JsonNode params = new ObjectMapper().readTree("{\"work_ms\": 5, \"label\": \"x\", \"failure_rate\": 0}");
        assertThat(StageData.read(params, Params.class, "parameters")).isEqualTo(new Params(5, "x"));
    }

    @Test
    void aDocumentThatDoesNotFitIsAPermanentFailureNamingTheRecord() throws Exception {
        JsonNode params = new ObjectMapper().readTree("{\"work_ms\": \"soon\"}");
        assertThatThrownBy(() -> StageData.read(params, Params.class, "the job parameters of demo"))
                .isInstanceOf(PermanentTaskException.class)
                .hasMessageStartingWith("the job parameters of demo do not fit Params");
    }
}
