package org.geoetl.curated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.error.GeoEtlException;
import org.geoetl.security.Callers;
import org.geoetl.web.QueryParams;
import org.springframework.stereotype.Component;

/**
 * The registry API ({@code /api/curated/datasets}, seed-compatible paths): list, read, create,
 * replace, delete, enable, disable, history. Each entry says whether its source is configured: the
 * names of missing environment variables, never their values.
 */
@Component("curatedDatasets")
public class CuratedDatasets {

    private final CuratedDatasetRepository registry;
    private final ObjectMapper mapper;
    private final Callers callers;
    private final Clock clock;
    private final List<String> schemas;
    private final UnaryOperator<String> environment;
    private org.springframework.context.ApplicationEventPublisher events = e -> { };

    @org.springframework.beans.factory.annotation.Autowired
    public CuratedDatasets(CuratedDatasetRepository registry, ObjectMapper mapper, Callers callers, Clock clock,
                           GeoEtlProperties properties) {
        this(registry, mapper, callers, clock, properties, System::getenv);
    }

    /** Schedules follow registry changes (CuratedSchedules listens). */
    @org.springframework.beans.factory.annotation.Autowired
    void setEvents(org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
    }

    CuratedDatasets(CuratedDatasetRepository registry, ObjectMapper mapper, Callers callers, Clock clock,
                    GeoEtlProperties properties, UnaryOperator<String> environment) {
        this.registry = registry;
        this.mapper = mapper;
        this.callers = callers;
        this.clock = clock;
        this.schemas = properties.vector().schemas();
        this.environment = environment;
    }

    public Map<String, Object> list() {
        List<Map<String, Object>> all = registry.list().stream().map(this::view).toList();
        return Map.of("count", all.size(), "datasets", all);
    }

    public Map<String, Object> get(String id) {
        return view(find(id));
    }

    public Map<String, Object> create(String body) {
        JsonNode b = read(body);
        CuratedDataset d = CuratedDefinitions.read(b, b.path("dataset_id").asText(null), schemas, callers.name(),
                clock.instant(), mapper);
        if (!registry.insert(d)) {
            throw new GeoEtlException(409, "dataset " + d.datasetId() + " or table " + d.targetSchema() + "."
                    + d.targetTable() + " is registered already");
        }
        events.publishEvent(new RegistryChanged(d.datasetId()));
        return view(find(d.datasetId()));
    }

    public Map<String, Object> replace(String id, String body) {
        CuratedDataset old = find(id);
        CuratedDataset d = CuratedDefinitions.read(read(body), id, schemas, old.createdBy(), old.createdAt(), mapper);
        if (old.builtin() && (d.sourceKind() != old.sourceKind() || !d.targetTable().equals(old.targetTable()))) {
            throw new GeoEtlException(400, "a built-in dataset keeps its source_kind and target_table");
        }
        registry.replace(d, clock.instant());
        events.publishEvent(new RegistryChanged(id));
        return view(find(id));
    }

    public Map<String, Object> delete(String id) {
        if (find(id).builtin()) {
            throw new GeoEtlException(400, "built-in datasets cannot be deleted; disable " + id + " instead");
        }
        registry.delete(id);
        events.publishEvent(new RegistryChanged(id));
        return Map.of("deleted", id);
    }

    public Map<String, Object> enable(String id) {
        find(id);
        registry.setEnabled(id, true, clock.instant());
        events.publishEvent(new RegistryChanged(id));
        return view(find(id));
    }

    public Map<String, Object> disable(String id) {
        find(id);
        registry.setEnabled(id, false, clock.instant());
        events.publishEvent(new RegistryChanged(id));
        return view(find(id));
    }

    public Map<String, Object> history(String id, String limit) {
        find(id);
        return Map.of("dataset_id", id, "updates", registry.history(id, QueryParams.integer("limit", limit, 1, 500, 50)));
    }

    /** Per dataset: "configured", or "not configured: VAR, VAR" (for /health). */
    public Map<String, String> sourceStatus() {
        Map<String, String> out = new LinkedHashMap<>();
        for (CuratedDataset d : registry.list()) {
            List<String> missing = missingCredentials(d);
            out.put(d.datasetId(), missing.isEmpty() ? (d.enabled() ? "configured" : "configured, disabled")
                    : "not configured: set " + String.join(", ", missing));
        }
        return out;
    }

    /** The environment variables a dataset's source needs that are not set (names only). */
    public List<String> missingCredentials(CuratedDataset d) {
        return d.sourceKind().credentials().stream().filter(v -> {
            String value = environment.apply(v);
            return value == null || value.isBlank();
        }).toList();
    }

    private CuratedDataset find(String id) {
        return registry.find(id).orElseThrow(() -> new GeoEtlException(404, "no curated dataset " + id));
    }

    private JsonNode read(String body) {
        try {
            return mapper.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new GeoEtlException(400, "the body is not valid JSON");
        }
    }

    private Map<String, Object> view(CuratedDataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset_id", d.datasetId());
        m.put("name", d.name());
        m.put("description", d.description());
        m.put("source_kind", d.sourceKind().id());
        m.put("source", d.source());
        m.put("target", d.targetSchema() + "." + d.targetTable());
        m.put("update_strategy", d.updateStrategy());
        m.put("upsert_key", d.upsertKey());
        m.put("schedule", d.schedule());
        m.put("enabled", d.enabled());
        m.put("auto_approve", d.autoApprove());
        m.put("builtin", d.builtin());
        List<String> missing = missingCredentials(d);
        m.put("configured", missing.isEmpty());
        if (!missing.isEmpty()) {
            m.put("missing_environment", missing);
        }
        m.put("style", d.style());
        m.put("last_checked_at", d.lastCheckedAt());
        m.put("last_updated_at", d.lastUpdatedAt());
        m.put("last_job_id", d.lastJobId());
        m.put("source_version", d.sourceVersion());
        m.put("created_by", d.createdBy());
        m.put("updated_at", d.updatedAt());
        return m;
    }
}
