package org.geoetl.engine.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A job type as loaded from {@code jobs/<type>.yaml}: its parameter schema (compiled), the
 * parameters left out of the job id, and its ordered stages.
 */
public record JobDefinition(
        String jobType,
        String description,
        ObjectNode parameterSchema,
        JsonSchema compiledSchema,
        Set<String> idExcludedParameters,
        List<StageDefinition> stages) {

    public int totalStages() {
        return stages.size();
    }

    public StageDefinition stage(int number) {
        return stages.get(number - 1);
    }

    public Optional<StageDefinition> stageNamed(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
