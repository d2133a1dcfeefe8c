package org.geoetl.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.api.ApiException;
import org.geoetl.engine.definition.DefinitionError;
import org.geoetl.engine.definition.DefinitionValidator;
import org.geoetl.engine.definition.JobDefinition;
import org.geoetl.engine.params.ParameterValidator;
import org.geoetl.security.Callers;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Validate, plan and publish a pipeline: the checks before a definition runs, and its new immutable version. */
@Component("pipelinePublishing")
public class PipelinePublishing {

    private final Pipelines pipelines;
    private final PipelineRepository repository;
    private final PipelineBodies bodies;
    private final DefinitionValidator validator;
    private final ParameterValidator parameters;
    private final PlanPreview preview;
    private final TransactionTemplate tx;
    private final Callers callers;

    public PipelinePublishing(Pipelines pipelines, PipelineRepository repository, PipelineBodies bodies,
                              DefinitionValidator validator, ParameterValidator parameters, PlanPreview preview,
                              TransactionTemplate tx, Callers callers) {
        this.pipelines = pipelines;
        this.repository = repository;
        this.bodies = bodies;
        this.validator = validator;
        this.parameters = parameters;
        this.preview = preview;
        this.tx = tx;
        this.callers = callers;
    }

    /**
     * {@code POST /api/pipelines/{name}/validate}: the errors of the body's definition (what the editor
     * holds now), or of the stored draft / latest version when the body is empty.
     */
    public Map<String, Object> validate(String name, String body, String contentType) {
        JsonNode definition;
        try {
            definition = bodies.parse(body, contentType);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Map.of("valid", false, "errors", List.of(new DefinitionError("$", PipelineBodies.syntaxError(contentType, e))));
        }
        if (definition.isMissingNode()) {
            definition = pipelines.definition(name, null);
        }
        List<DefinitionError> errors = pipelines.errors(name, definition);
        if (definition.isObject() && !name.equals(definition.path("job_type").asText(name))) {
            errors.add(0, new DefinitionError("job_type", "must be '" + name + "' (the pipeline's name)"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", errors.isEmpty());
        out.put("errors", errors);
        return out;
    }

    /** {@code POST /api/pipelines/{name}/publish}: the draft becomes the next version (422 while invalid). */
    public Map<String, Object> publish(String name) {
        JsonNode draft = repository.find(name, 0).map(PipelineRow::definition)
                .orElseThrow(() -> ApiException.notFound("draft of pipeline '" + name + "'"));
        List<DefinitionError> errors = pipelines.errors(name, draft);
        if (!errors.isEmpty()) {
            throw new ApiException(422, "the draft of '" + name + "' has " + errors.size() + " error(s); nothing was published",
                    Map.of("errors", errors));
        }
        Integer version = tx.execute(status -> {
            int v = repository.publish(name, draft, callers.name());
            repository.deleteDraft(name);
            return v;
        });
        return Map.of("name", name, "version", version, "submit_url", "/api/jobs/submit/" + name);
    }

    /**
     * {@code POST /api/pipelines/{name}/versions/{version}/archive}: new jobs stop running this version
     * (they run the latest version still published, or none); jobs that recorded it finish on it.
     */
    public Map<String, Object> archive(String name, String version) {
        int v = org.geoetl.web.QueryParams.integer("version", version, 1, Integer.MAX_VALUE, 0);
        if (!repository.archive(name, v)) {
            throw ApiException.notFound("published version " + v + " of pipeline '" + name + "'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("version", v);
        out.put("status", PipelineStatus.ARCHIVED.sql());
        out.put("latest_version", repository.latestPublished(name).orElse(null));
        return out;
    }

    /**
     * {@code POST /api/pipelines/{name}/plan} with {@code {"parameters": {...}, "version": n?}}: per stage,
     * the tasks it would plan and its queue, for the draft (or a version); nothing is written.
     */
    public Map<String, Object> plan(String name, String body, String contentType) {
        JsonNode request = bodies.read(body, contentType);
        Integer version = request.hasNonNull("version") ? request.get("version").asInt() : null;
        JsonNode document = pipelines.definition(name, version);
        List<DefinitionError> errors = validator.errors(document);
        if (!errors.isEmpty()) {
            throw new ApiException(422, "the definition has " + errors.size() + " error(s); fix them to preview its plan",
                    Map.of("errors", errors));
        }
        JobDefinition definition = validator.parse(document);
        JsonNode params = parameters.validate(definition, request.path("parameters"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("version", version);
        out.put("parameters", params);
        out.putAll(preview.preview(definition, params));
        return out;
    }
}
