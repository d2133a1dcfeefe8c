package org.geoetl.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geoetl.api.ApiException;
import org.geoetl.engine.definition.DefinitionError;
import org.geoetl.engine.definition.DefinitionValidator;
import org.geoetl.engine.definition.JobDefinitionRegistry;
import org.geoetl.security.Callers;
import org.springframework.stereotype.Component;

/**
 * Pipelines as data: the drafts (create, replace, delete), what a pipeline holds, its versions and
 * its YAML export. Built-in job types are listed and readable, never writable. A draft may be
 * invalid (it is work in progress); every answer about one carries its validation errors.
 */
@Component("pipelines")
public class Pipelines {

    private final PipelineRepository repository;
    private final PipelineBodies bodies;
    private final PipelineRules names;
    private final DefinitionValidator validator;
    private final JobDefinitionRegistry definitions;
    private final Callers callers;

    public Pipelines(PipelineRepository repository, PipelineBodies bodies, PipelineRules names,
                     DefinitionValidator validator, JobDefinitionRegistry definitions, Callers callers) {
        this.repository = repository;
        this.bodies = bodies;
        this.names = names;
        this.validator = validator;
        this.definitions = definitions;
        this.callers = callers;
    }

    public Map<String, Object> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PipelineRow row : repository.heads()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Optional<Integer> latest = repository.latestPublished(row.name());
            m.put("name", row.name());
            m.put("status", status(row.version() == 0, latest));
            m.put("latest_version", latest.orElse(null));
            m.put("draft", row.version() == 0);
            m.put("updated_at", row.updatedAt());
            m.put("author", row.author());
            m.put("builtin", false);
            out.add(m);
        }
        definitions.all().forEach(d -> out.add(builtinEntry(d.jobType())));
        return Map.of("pipelines", out);
    }

    /** {@code POST /api/pipelines} (also the import of an exported YAML): a new draft. */
    public Map<String, Object> create(String body, String contentType) {
        ObjectNode definition = bodies.definition(body, contentType);
        String name = definition.path("job_type").asText(null);
        refuseBadName(name);
        if (!repository.insertDraft(name, definition, callers.name())) {
            throw new ApiException(409, "pipeline '" + name + "' already has a draft; PUT /api/pipelines/" + name
                    + " replaces it");
        }
        return summary(name, definition);
    }

    /** {@code PUT /api/pipelines/{name}}: replaces the draft, or starts one on a published pipeline. */
    public Map<String, Object> update(String name, String body, String contentType) {
        ObjectNode definition = bodies.definition(body, contentType);
        refuseBadName(name);
        if (!definition.has("job_type")) {
            definition.put("job_type", name);
        }
        if (!name.equals(definition.path("job_type").asText())) {
            throw new ApiException(400, "job_type '" + definition.path("job_type").asText() + "' differs from the path's '"
                    + name + "'", Map.of("errors", List.of(new DefinitionError("job_type", "must be '" + name + "'"))));
        }
        if (!repository.updateDraft(name, definition, callers.name())) {
            requireExists(name);
            repository.insertDraft(name, definition, callers.name());
        }
        return summary(name, definition);
    }

    public void delete(String name) {
        if (names.isBuiltin(name)) {
            throw new ApiException(409, "'" + name + "' is a built-in job type and cannot be deleted");
        }
        if (!repository.deleteDraft(name)) {
            throw ApiException.notFound("draft of pipeline '" + name + "'");
        }
    }

    public Map<String, Object> get(String name) {
        if (names.isBuiltin(name)) {
            Map<String, Object> m = builtinEntry(name);
            m.put("draft", null);
            m.put("published_version", null);
            m.put("definition", bodies.document(definitions.builtin(name).orElseThrow()));
            return m;
        }
        Optional<PipelineRow> draft = repository.find(name, 0);
        Optional<Integer> published = repository.latestPublished(name);
        JsonNode latest = definition(name, null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("status", status(draft.isPresent(), published));
        m.put("builtin", false);
        m.put("draft", draft.map(PipelineRow::definition).orElse(null));
        m.put("published_version", published.orElse(null));
        m.put("definition", latest);
        m.put("errors", errors(name, latest));
        return m;
    }

    public Map<String, Object> versions(String name) {
        List<Map<String, Object>> out = repository.versions(name).stream().filter(r -> r.version() > 0)
                .map(r -> Map.<String, Object>of("version", r.version(), "status", r.status().sql(),
                        "published_at", r.createdAt(), "author", r.author() == null ? "" : r.author()))
                .toList();
        if (out.isEmpty()) {
            requireExists(name);
        }
        return Map.of("name", name, "versions", out);
    }

    /** {@code GET /api/pipelines/{name}/export}: YAML of one version, or of the draft / latest (no version). */
    public String export(String name, String version) {
        return bodies.yaml(definition(name, org.geoetl.web.QueryParams.optionalInteger("version", version, 1,
                Integer.MAX_VALUE)));
    }

    /** The definition document: of a version, or the draft if there is one, else the latest version. */
    public JsonNode definition(String name, Integer version) {
        if (names.isBuiltin(name)) {
            return bodies.document(definitions.builtin(name).orElseThrow());
        }
        if (version != null) {
            return repository.find(name, version).filter(r -> r.version() > 0).map(PipelineRow::definition)
                    .orElseThrow(() -> ApiException.notFound("version " + version + " of pipeline '" + name + "'"));
        }
        // the draft, else the latest version (published, or archived when all are)
        return repository.versions(name).stream().min(java.util.Comparator.comparing(
                        (PipelineRow r) -> r.version() == 0 ? 0 : r.status() == PipelineStatus.PUBLISHED ? 1 : 2)
                        .thenComparing(r -> -r.version()))
                .map(PipelineRow::definition).orElseThrow(() -> ApiException.notFound("pipeline '" + name + "'"));
    }

    /** The name's errors, then the definition's (the start-up loader's rules), then the pipeline-only ones. */
    public List<DefinitionError> errors(String name, JsonNode definition) {
        List<DefinitionError> errors = new ArrayList<>(names.errors(name));
        errors.addAll(validator.errors(definition));
        errors.addAll(names.schemaErrors(definition));
        return errors;
    }

    private void refuseBadName(String name) {
        List<DefinitionError> errors = names.errors(name);
        if (!errors.isEmpty()) {
            throw new ApiException(names.isBuiltin(name) ? 409 : 400, errors.get(0).message(), Map.of("errors", errors));
        }
    }

    private void requireExists(String name) {
        if (repository.versions(name).isEmpty()) {
            throw ApiException.notFound("pipeline '" + name + "'");
        }
    }

    private Map<String, Object> summary(String name, JsonNode definition) {
        List<DefinitionError> errors = errors(name, definition);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("status", status(true, repository.latestPublished(name)));
        m.put("draft", true);
        m.put("valid", errors.isEmpty());
        m.put("errors", errors);
        return m;
    }

    /** published while a version runs for new jobs; else draft while one is being written; else archived. */
    private static String status(boolean hasDraft, Optional<Integer> latestPublished) {
        return (latestPublished.isPresent() ? PipelineStatus.PUBLISHED : hasDraft ? PipelineStatus.DRAFT
                : PipelineStatus.ARCHIVED).sql();
    }

    private static Map<String, Object> builtinEntry(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("status", "published");
        m.put("latest_version", null);
        m.put("draft", false);
        m.put("updated_at", null);
        m.put("author", null);
        m.put("builtin", true);
        return m;
    }
}
