package org.geoetl.engine.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.geoetl.engine.definition.JobDefinition;
import org.geoetl.engine.definition.JobDefinitionLoader;
import org.geoetl.support.TestHandlers;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.junit.jupiter.api.Test;

class ParameterValidatorTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ParameterValidator validator = new ParameterValidator();
    private final JobDefinition definition;

    ParameterValidatorTest() throws Exception {
        definition = JobDefinitionLoader.parse(new ObjectMapper(new YAMLFactory()).readTree("""
                job_type: demo
                parameters:
                  properties:
                    n: {type: integer, minimum: 1, maximum: 10, default: 3}
                    name: {type: string, default: x}
                    mode: {type: string, enum: [fast, safe]}
                  required: [mode]
                stages: [{name: only, task_type: known}]
                """), new TaskHandlerRegistry(List.of(TestHandlers.noop("known"))), validator);
    }

    @Test
    void appliesDefaults() throws Exception {
        ObjectNode out = validator.validate(definition, json.readTree("{\"mode\": \"fast\"}"));
        assertThat(out.path("n").asInt()).isEqualTo(3);
        assertThat(out.path("name").asText()).isEqualTo("x");
    }

    @Test
    void reportsEveryProblemByField() throws Exception {
        ParameterValidationException e = catchThrowableOfType(ParameterValidationException.class,
                () -> validator.validate(definition, json.readTree("{\"n\": 11, \"mode\": \"slow\", \"extra\": 1}")));
        assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("extra", "mode", "n");
        ParameterValidationException missing = catchThrowableOfType(ParameterValidationException.class,
                () -> validator.validate(definition, json.readTree("{}")));
        assertThat(missing.errors()).extracting(FieldError::field).containsExactly("mode");
    }
}
