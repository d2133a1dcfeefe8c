package org.geoetl.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.geoetl.engine.params.ParameterValidator;
import org.geoetl.support.TestHandlers;
import org.junit.jupiter.api.Test;

class JobDefinitionLoaderTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final TaskHandlerRegistry handlers = new TaskHandlerRegistry(List.of(TestHandlers.noop("known")));
    private final ParameterValidator validator = new ParameterValidator();

    private JobDefinition load(String yaml) throws Exception {
        JsonNode root = YAML.readTree(yaml);
        return JobDefinitionLoader.parse(root, handlers, validator);
    }

    @Test
    void loadsStagesAndForbidsUnknownParameters() throws Exception {
        JobDefinition d = load("""
                job_type: demo
                parameters: {properties: {n: {type: integer}}}
                stages:
                  - {name: first, task_type: known, fan_out: fixed(params.n)}
                  - {name: second, task_type: known, fan_out: each(first), run_if: params.n > 2}
                """);
        assertThat(d.totalStages()).isEqualTo(2);
        assertThat(d.stage(2).fanOut()).isInstanceOf(FanOut.Each.class);
        assertThat(d.parameterSchema().path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void rejectsAnUnknownTaskTypeWhenLoading() {
        assertThatThrownBy(() -> load("""
                job_type: demo
                stages: [{name: first, task_type: nobody_handles_this}]
                """)).hasMessageContaining("unknown task type 'nobody_handles_this'");
    }

    @Test
    void rejectsReferencesToLaterOrMissingStagesAndParameters() {
        assertThatThrownBy(() -> load("""
                job_type: demo
                stages:
                  - {name: first, task_type: known, fan_out: each(second)}
                  - {name: second, task_type: known}
                """)).hasMessageContaining("not an earlier stage");
        assertThatThrownBy(() -> load("""
                job_type: demo
                stages: [{name: first, task_type: known, fan_out: each(params.missing)}]
                """)).hasMessageContaining("undeclared parameter 'missing'");
        assertThatThrownBy(() -> load("""
                job_type: demo
                stages:
                  - {name: first, task_type: known}
                  - {name: first, task_type: known}
                """)).hasMessageContaining("used twice");
    }
}
