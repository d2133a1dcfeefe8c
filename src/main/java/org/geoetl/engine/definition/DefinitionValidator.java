package org.geoetl.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.geoetl.engine.params.ParameterValidator;

/**
 * The one set of rules for a job definition, used by the start-up loader (built-in YAML) and by
 * the pipeline API (definitions stored as data) alike. It collects every error, each with the path
 * of the offending element, instead of stopping at the first.
 */
public class DefinitionValidator {

    private static final Set<String> TOP_FIELDS = Set.of("job_type", "description", "parameters", "id_excludes", "stages");
    private static final Set<String> STAGE_FIELDS = Set.of("name", "task_type", "fan_out", "run_if", "description");

    private final TaskHandlerRegistry handlers;
    private final ParameterValidator parameters;

    public DefinitionValidator(TaskHandlerRegistry handlers, ParameterValidator parameters) {
        this.handlers = handlers;
        this.parameters = parameters;
    }

    /** Every error of this definition, in document order; empty when it is valid. */
    public List<DefinitionError> errors(JsonNode root) {
        List<DefinitionError> errors = new ArrayList<>();
        build(root, errors);
        return errors;
    }

    /** The definition, or an {@link InvalidDefinitionException} carrying all its errors. */
    public JobDefinition parse(JsonNode root) {
        List<DefinitionError> errors = new ArrayList<>();
        JobDefinition definition = build(root, errors);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        return definition;
    }

    private JobDefinition build(JsonNode root, List<DefinitionError> errors) {
        if (root == null || !root.isObject()) {
            errors.add(new DefinitionError("$", "a job definition must be an object"));
            return null;
        }
        unknownFields(root, TOP_FIELDS, "", errors);
        String jobType = text(root, "job_type", "job_type", errors);
        if (jobType != null && !FanOut.NAME.matcher(jobType).matches()) {
            errors.add(new DefinitionError("job_type", "job_type '" + jobType + "' must be lower case letters, digits and _"));
        }
        ParameterSchemaCheck.check(root.path("parameters"), errors);
        ObjectNode schema = schema(root.path("parameters"));
        Set<String> declared = new HashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(declared::add);
        Set<String> excluded = new LinkedHashSet<>();
        JsonNode excludes = root.path("id_excludes");
        for (int i = 0; i < excludes.size(); i++) {
            String p = excludes.get(i).asText();
            excluded.add(p);
            if (!declared.contains(p)) {
                errors.add(new DefinitionError("id_excludes[" + i + "]", "id_excludes names undeclared parameter '" + p + "'"));
            }
        }
        List<StageDefinition> stages = stages(root.path("stages"), declared, errors);
        if (!errors.isEmpty()) {
            return null; // never compile a schema that failed its checks (it may hold a reference)
        }
        com.networknt.schema.JsonSchema compiled = null;
        try {
            compiled = parameters.compile(schema);
        } catch (RuntimeException e) {
            errors.add(new DefinitionError("parameters", "not a valid JSON Schema"));
        }
        return errors.isEmpty() ? new JobDefinition(jobType, root.path("description").asText(""), schema, compiled,
                Set.copyOf(excluded), List.copyOf(stages)) : null;
    }

    private List<StageDefinition> stages(JsonNode nodes, Set<String> declared, List<DefinitionError> errors) {
        List<StageDefinition> stages = new ArrayList<>();
        if (!nodes.isArray() || nodes.isEmpty()) {
            errors.add(new DefinitionError("stages", "a job needs at least one stage"));
            return stages;
        }
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode s = nodes.get(i);
            String at = "stages[" + i + "]";
            unknownFields(s, STAGE_FIELDS, at + ".", errors);
            String name = text(s, "name", at + ".name", errors);
            if (name != null && !FanOut.NAME.matcher(name).matches()) {
                errors.add(new DefinitionError(at + ".name", "stage name '" + name + "' must be lower case letters, digits and _"));
            } else if (name != null && stages.stream().anyMatch(x -> x.name().equals(name))) {
                errors.add(new DefinitionError(at + ".name", "stage name '" + name + "' is used twice"));
            }
            String taskType = text(s, "task_type", at + ".task_type", errors);
            if (taskType != null && handlers.find(taskType).isEmpty()) {
                errors.add(new DefinitionError(at + ".task_type", "stage '" + name + "' names unknown task type '" + taskType + "'"));
            }
            FanOut fanOut = fanOut(s, at, name, stages, declared, errors);
            StageCondition runIf = runIf(s, at, name, declared, errors);
            stages.add(new StageDefinition(stages.size() + 1, name == null ? "" : name, taskType, fanOut, runIf,
                    s.path("description").asText(null)));
        }
        return stages;
    }

    private static FanOut fanOut(JsonNode s, String at, String name, List<StageDefinition> earlier, Set<String> params,
                                 List<DefinitionError> errors) {
        try {
            FanOut fanOut = FanOut.parse(s.path("fan_out").asText("single"));
            for (String ref : FanOutReferences.stages(fanOut)) {
                if (earlier.stream().noneMatch(x -> x.name().equals(ref))) {
                    errors.add(new DefinitionError(at + ".fan_out",
                            "stage '" + name + "' reads stage '" + ref + "', which is not an earlier stage"));
                }
            }
            for (String ref : FanOutReferences.params(fanOut)) {
                if (!params.contains(ref)) {
                    errors.add(new DefinitionError(at + ".fan_out", "stage '" + name + "' reads undeclared parameter '" + ref + "'"));
                }
            }
            return fanOut;
        } catch (IllegalArgumentException e) {
            errors.add(new DefinitionError(at + ".fan_out", e.getMessage()));
            return new FanOut.Single();
        }
    }

    private static StageCondition runIf(JsonNode s, String at, String name, Set<String> params, List<DefinitionError> errors) {
        if (!s.hasNonNull("run_if")) {
            return null;
        }
        try {
            StageCondition runIf = StageCondition.parse(s.get("run_if").asText());
            if (!params.contains(runIf.param())) {
                errors.add(new DefinitionError(at + ".run_if",
                        "stage '" + name + "' run_if reads undeclared parameter '" + runIf.param() + "'"));
            }
            return runIf;
        } catch (IllegalArgumentException e) {
            errors.add(new DefinitionError(at + ".run_if", e.getMessage()));
            return null;
        }
    }

    private static ObjectNode schema(JsonNode node) {
        ObjectNode schema = node.isObject() ? ((ObjectNode) node).deepCopy() : new ObjectMapper().createObjectNode();
        schema.put("type", "object");
        if (!schema.has("additionalProperties")) {
            schema.put("additionalProperties", false); // unknown keys are rejected, never dropped
        }
        return schema;
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix, List<DefinitionError> errors) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                errors.add(new DefinitionError(prefix + f, "unknown field '" + f + "' (expected one of "
                        + String.join(", ", known.stream().sorted().toList()) + ")"));
            }
        });
    }

    private static String text(JsonNode node, String field, String path, List<DefinitionError> errors) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            errors.add(new DefinitionError(path, "'" + field + "' is required"));
            return null;
        }
        return value;
    }
}
