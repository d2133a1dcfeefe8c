package org.geoetl.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.geoetl.engine.handler.PermanentTaskException;

/**
 * How data crosses a stage boundary: job parameters, task parameters and results are JSON;
 * handlers see them as records. One mapper does both directions, so a record a handler returns is
 * read back by a later stage as the same record. Parameter schemas use snake_case keys: a contract
 * record says so once with {@code @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)}
 * (records without it keep their component names, as results always have). Keys a record does not
 * name are ignored.
 */
public final class StageData {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private StageData() {
    }

    /** A JSON document as a record (or any bean); a mismatch is the definition's fault, never worth a retry. */
    public static <T> T read(JsonNode node, Class<T> type, String what) {
        try {
            return MAPPER.treeToValue(node == null || node.isNull() ? MAPPER.createObjectNode() : node, type);
        } catch (Exception e) {
            throw new PermanentTaskException(what + " do not fit " + type.getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** A handler's result (record, map or JSON) as the JSON document stored in app.tasks.result_data. */
    public static JsonNode write(Object value) {
        return value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
    }
}
