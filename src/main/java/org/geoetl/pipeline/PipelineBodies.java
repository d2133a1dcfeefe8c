package org.geoetl.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.geoetl.api.ApiException;
import org.geoetl.engine.definition.JobDefinition;
import org.geoetl.engine.definition.StageDefinition;
import org.springframework.stereotype.Component;

/** Pipeline bodies in and out: JSON, or YAML when the content type says so; and the YAML export. */
@Component
public class PipelineBodies {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private final ObjectMapper json;

    public PipelineBodies(ObjectMapper json) {
        this.json = json;
    }

    static boolean isYaml(String contentType) {
        if (contentType == null) {
            return false;
        }
        return org.geoetl.security.RequestLimitsFilter.isYamlType(contentType);
    }

    /** The body as a JSON tree; an empty body is a missing node; a 400 when it does not parse. */
    public JsonNode read(String body, String contentType) {
        try {
            return parse(body, contentType);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "the body is " + syntaxError(contentType, e));
        }
    }

    /** As {@link #read}, but a body that does not parse is the caller's to report. */
    public JsonNode parse(String body, String contentType) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return (isYaml(contentType) ? YAML : json).readTree(body);
    }

    /** In the start-up loader's words ({@code not valid YAML: …}). */
    static String syntaxError(String contentType, JsonProcessingException e) {
        return "not valid " + (isYaml(contentType) ? "YAML" : "JSON") + ": " + e.getOriginalMessage();
    }

    /** The body as a definition object. */
    public ObjectNode definition(String body, String contentType) {
        JsonNode node = read(body, contentType);
        if (!node.isObject()) {
            throw new ApiException(400, "the body must be a job definition object (job_type, parameters, stages)");
        }
        return (ObjectNode) node;
    }

    public String yaml(JsonNode definition) {
        try {
            return YAML.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored definition did not serialise", e);
        }
    }

    /** A built-in definition in the document model (what its YAML file says, after loading). */
    public ObjectNode document(JobDefinition d) {
        ObjectNode root = json.createObjectNode().put("job_type", d.jobType()).put("description", d.description());
        root.set("parameters", d.parameterSchema());
        if (!d.idExcludedParameters().isEmpty()) {
            root.set("id_excludes", json.valueToTree(d.idExcludedParameters().stream().sorted().toList()));
        }
        var stages = root.putArray("stages");
        for (StageDefinition s : d.stages()) {
            ObjectNode n = stages.addObject().put("name", s.name()).put("task_type", s.taskType())
                    .put("fan_out", s.fanOut().text());
            if (s.runIf() != null) {
                n.put("run_if", s.runIf().text());
            }
            if (s.description() != null) {
                n.put("description", s.description());
            }
        }
        return root;
    }
}
