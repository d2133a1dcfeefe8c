package org.geoetl.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.geoetl.engine.params.ParameterValidator;
import org.geoetl.support.TestHandlers;
import org.junit.jupiter.api.Test;

class DefinitionValidatorTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final DefinitionValidator validator = new DefinitionValidator(
            new TaskHandlerRegistry(List.of(TestHandlers.noop("known"))), new ParameterValidator());

    /** A definition with one error of every kind, each in its own element. */
    static final String BROKEN = """
            job_type: Bad-Name
            stage: oops
            parameters:
              properties:
                n: {type: integer, minimum: 10, maximum: 5}
                mode: {type: text}
                level: {type: string, enum: [a, b], default: c}
              required: [n, missing]
            stages:
              - {name: first, task_type: nobody_handles_this, fan_out: each(later)}
              - {name: later, task_type: known, fan_out: fixed(params.absent)}
              - {name: Later, task_type: known, fan_out: spread(3)}
              - {name: last, task_type: known, fan_out: fan_in(first), run_if: params.x ~ 3, colour: red}
            """;

    private List<DefinitionError> errors(String yaml) throws Exception {
        return validator.errors(YAML.readTree(yaml));
    }

    @Test
    void collectsEveryErrorWithThePathOfTheOffendingElement() throws Exception {
        assertThat(errors(BROKEN)).extracting(DefinitionError::path, DefinitionError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("stage", "unknown field 'stage' (expected one of description, id_excludes, job_type, parameters, stages)"),
                org.assertj.core.groups.Tuple.tuple("job_type", "job_type 'Bad-Name' must be lower case letters, digits and _"),
                org.assertj.core.groups.Tuple.tuple("parameters.properties.n.minimum", "minimum 10 is greater than maximum 5"),
                org.assertj.core.groups.Tuple.tuple("parameters.properties.mode.type",
                        "type 'text' is not one of array, boolean, integer, number, object, string"),
                org.assertj.core.groups.Tuple.tuple("parameters.properties.level.default", "default is not one of the enum values"),
                org.assertj.core.groups.Tuple.tuple("parameters.required[1]", "names undeclared parameter 'missing'"),
                org.assertj.core.groups.Tuple.tuple("stages[0].task_type", "stage 'first' names unknown task type 'nobody_handles_this'"),
                org.assertj.core.groups.Tuple.tuple("stages[0].fan_out", "stage 'first' reads stage 'later', which is not an earlier stage"),
                org.assertj.core.groups.Tuple.tuple("stages[1].fan_out", "stage 'later' reads undeclared parameter 'absent'"),
                org.assertj.core.groups.Tuple.tuple("stages[2].name", "stage name 'Later' must be lower case letters, digits and _"),
                org.assertj.core.groups.Tuple.tuple("stages[2].fan_out",
                        "unknown fan-out rule 'spread' (expected single, fixed, each, batch or fan_in)"),
                org.assertj.core.groups.Tuple.tuple("stages[3].colour",
                        "unknown field 'colour' (expected one of description, fan_out, name, run_if, task_type)"),
                org.assertj.core.groups.Tuple.tuple("stages[3].run_if",
                        "run_if 'params.x ~ 3' must be params.<name> or params.<name> <op> <integer>"));
    }

    @Test
    void theStartUpLoaderFailsWithExactlyTheseErrors() throws Exception {
        List<DefinitionError> expected = errors(BROKEN);
        assertThatThrownBy(() -> JobDefinitionLoader.load(new ByteArrayInputStream(BROKEN.getBytes(StandardCharsets.UTF_8)),
                validator)).isInstanceOfSatisfying(InvalidDefinitionException.class,
                        e -> assertThat(e.errors()).isEqualTo(expected))
                .hasMessageContaining("stages[0].task_type: stage 'first' names unknown task type 'nobody_handles_this'");
    }

    @Test
    void aValidDefinitionHasNoErrorsAndLoads() throws Exception {
        String yaml = """
                job_type: demo
                id_excludes: [tag]
                parameters:
                  properties:
                    n: {type: integer, minimum: 0, maximum: 10, default: 2}
                    tag: {type: string}
                stages:
                  - {name: first, task_type: known, fan_out: fixed(params.n)}
                  - {name: second, task_type: known, fan_out: "batch(first, 2)", run_if: params.n > 1}
                  - {name: third, task_type: known, fan_out: fan_in(second)}
                """;
        assertThat(errors(yaml)).isEmpty();
        JobDefinition d = validator.parse(YAML.readTree(yaml));
        assertThat(d.stages()).extracting(StageDefinition::name).containsExactly("first", "second", "third");
        assertThat(d.idExcludedParameters()).containsExactly("tag");
    }

    @Test
    void aDefinitionWithoutStagesOrNameSaysSo() throws Exception {
        assertThat(errors("description: nothing")).extracting(DefinitionError::path).containsExactly("job_type", "stages");
        assertThat(validator.errors(YAML.readTree("[1, 2]"))).extracting(DefinitionError::path).containsExactly("$");
    }

    @Test
    void everyBuiltInDefinitionShapeStillPasses() throws Exception {
        // a definition in the style of the shipped jobs/*.yaml (descriptions, id_excludes, bounded parameters)
        assertThat(errors("""
                job_type: hello_like
                description: like hello_world
                id_excludes: [failure_rate]
                parameters:
                  type: object
                  properties:
                    n: {type: integer, minimum: 1, maximum: 1000, default: 3, description: tasks}
                    failure_rate: {type: number, minimum: 0, maximum: 1, default: 0}
                stages:
                  - {name: greeting, task_type: known, fan_out: fixed(params.n), description: greet}
                  - {name: reply, task_type: known, fan_out: each(greeting)}
                """)).isEmpty();
    }

    @Test
    void aParameterSchemaUsesOnlyKnownKeywordsNeverReferences() throws Exception {
        assertThat(errors("""
                job_type: demo
                parameters:
                  $schema: "https://json-schema.org/draft/2020-12/schema"
                  properties:
                    remote: {$ref: "http://localhost:1/evil.json"}
                    list: {type: array, items: {type: strnig, oneOf: [{type: string}]}}
                stages: [{name: first, task_type: known}]
                """)).extracting(DefinitionError::toString).containsExactly(
                "parameters.$schema: keyword '$schema' is not supported in a parameter schema",
                "parameters.properties.remote.$ref: keyword '$ref' is not supported in a parameter schema",
                "parameters.properties.remote.type: type '' is not one of array, boolean, integer, number, object, string",
                "parameters.properties.list.items.oneOf: keyword 'oneOf' is not supported in a parameter schema",
                "parameters.properties.list.items.type: type 'strnig' is not one of array, boolean, integer, number, object, string");
    }
}
