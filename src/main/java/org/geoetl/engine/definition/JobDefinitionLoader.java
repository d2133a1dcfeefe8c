package org.geoetl.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.geoetl.engine.params.ParameterValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Loads every {@code classpath*:jobs/*.yaml} job definition and checks it completely at start-up:
 * a definition naming an unknown task type, an unknown stage or parameter, or a later stage, stops
 * the service instead of failing a job at run time.
 */
@Configuration
public class JobDefinitionLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Bean
    public JobDefinitionRegistry jobDefinitionRegistry(TaskHandlerRegistry handlers, ParameterValidator validator)
            throws IOException {
        Map<String, JobDefinition> byType = new HashMap<>();
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:jobs/*.yaml");
        for (Resource file : files) {
            JobDefinition definition;
            try (InputStream in = file.getInputStream()) {
                definition = parse(YAML.readTree(in), handlers, validator);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("job definition " + file.getFilename() + ": " + e.getMessage(), e);
            }
            if (byType.putIfAbsent(definition.jobType(), definition) != null) {
                throw new IllegalStateException("job type " + definition.jobType() + " is defined twice");
            }
        }
        return new JobDefinitionRegistry(byType);
    }

    public static JobDefinition parse(JsonNode root, TaskHandlerRegistry handlers, ParameterValidator validator) {
        String jobType = text(root, "job_type");
        if (!FanOut.NAME.matcher(jobType).matches()) {
            throw new IllegalArgumentException("job_type '" + jobType + "' must be lower case letters, digits and _");
        }
        JsonNode schemaNode = root.path("parameters");
        ObjectNode schema = schemaNode.isObject() ? ((ObjectNode) schemaNode).deepCopy()
                : YAML.createObjectNode().put("type", "object");
        schema.put("type", "object");
        if (!schema.has("additionalProperties")) {
            schema.put("additionalProperties", false); // unknown keys are rejected, never dropped
        }
        Set<String> declared = new HashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(declared::add);

        Set<String> excluded = new LinkedHashSet<>();
        root.path("id_excludes").forEach(n -> excluded.add(n.asText()));
        for (String p : excluded) {
            require(declared.contains(p), "id_excludes names undeclared parameter '" + p + "'");
        }

        List<StageDefinition> stages = new ArrayList<>();
        JsonNode stageNodes = root.path("stages");
        require(stageNodes.isArray() && !stageNodes.isEmpty(), "a job needs at least one stage");
        for (JsonNode s : stageNodes) {
            String name = text(s, "name");
            require(FanOut.NAME.matcher(name).matches(), "stage name '" + name + "' must be lower case letters, digits and _");
            require(stages.stream().noneMatch(x -> x.name().equals(name)), "stage name '" + name + "' is used twice");
            String taskType = text(s, "task_type");
            require(handlers.find(taskType).isPresent(), "stage '" + name + "' names unknown task type '" + taskType + "'");
            FanOut fanOut = FanOut.parse(s.path("fan_out").asText("single"));
            checkReferences(fanOut, name, stages, declared);
            StageCondition runIf = s.hasNonNull("run_if") ? StageCondition.parse(s.get("run_if").asText()) : null;
            require(runIf == null || declared.contains(runIf.param()),
                    "stage '" + name + "' run_if reads undeclared parameter '" + (runIf == null ? "" : runIf.param()) + "'");
            stages.add(new StageDefinition(stages.size() + 1, name, taskType, fanOut, runIf,
                    s.path("description").asText(null)));
        }
        return new JobDefinition(jobType, root.path("description").asText(""), schema, validator.compile(schema),
                Set.copyOf(excluded), List.copyOf(stages));
    }

    private static void checkReferences(FanOut fanOut, String stage, List<StageDefinition> earlier, Set<String> params) {
        List<String> stageRefs = new ArrayList<>();
        List<String> paramRefs = new ArrayList<>();
        if (fanOut instanceof FanOut.Fixed f) {
            collect(f.count(), paramRefs);
        } else if (fanOut instanceof FanOut.Each e) {
            collect(e.source(), stageRefs, paramRefs);
        } else if (fanOut instanceof FanOut.Batch b) {
            collect(b.source(), stageRefs, paramRefs);
            collect(b.size(), paramRefs);
        } else if (fanOut instanceof FanOut.FanIn f) {
            stageRefs.add(f.stage());
        }
        for (String ref : stageRefs) {
            require(earlier.stream().anyMatch(s -> s.name().equals(ref)),
                    "stage '" + stage + "' reads stage '" + ref + "', which is not an earlier stage");
        }
        for (String ref : paramRefs) {
            require(params.contains(ref), "stage '" + stage + "' reads undeclared parameter '" + ref + "'");
        }
    }

    private static void collect(FanOut.Amount amount, List<String> paramRefs) {
        if (amount.param() != null) {
            paramRefs.add(amount.param());
        }
    }

    private static void collect(FanOut.ListSource source, List<String> stageRefs, List<String> paramRefs) {
        if (source.param() != null) {
            paramRefs.add(source.param());
        } else {
            stageRefs.add(source.stage());
        }
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        require(!value.isBlank(), "'" + field + "' is required");
        return value;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
