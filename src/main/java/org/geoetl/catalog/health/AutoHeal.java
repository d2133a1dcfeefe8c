package org.geoetl.catalog.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.JobSubmission;
import org.geoetl.engine.SubmitResult;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.Outgoing;
import org.springframework.stereotype.Component;

/**
 * With {@code geoetl.catalog.auto-heal}, a consistency run repairs what rebuild_stac can: catalog
 * rows whose STAC item is missing get a rebuild_stac job (not a dry run) per schema or collection,
 * at most 100 items each. Orphaned items and missing blobs are never deleted automatically: the
 * unpublish jobs take an operator's decision.
 */
@Component
public class AutoHeal {

    /** A repair submitted: the job and the message that starts it (none when an identical job ran). */
    public record Repair(Map<String, Object> summary, List<Outgoing> messages) {
    }

    private final JobSubmission submission;
    private final ObjectMapper mapper;
    private final boolean enabled;

    public AutoHeal(JobSubmission submission, ObjectMapper mapper, GeoEtlProperties properties) {
        this.submission = submission;
        this.mapper = mapper;
        this.enabled = properties.catalog().autoHeal();
    }

    public List<Repair> submitRepairs(HealthReport report) {
        if (!enabled) {
            return List.of();
        }
        List<Repair> repairs = new ArrayList<>();
        group(report.issues(HealthCheck.VECTOR_BACKLINKS), "schema", "table")
                .forEach((schema, tables) -> repairs.addAll(submit("vector", "schema", schema, tables)));
        group(report.issues(HealthCheck.RASTER_BACKLINKS), "collection_id", "cog_id")
                .forEach((collection, cogs) -> repairs.addAll(submit("raster", "collection_id", collection, cogs)));
        return repairs;
    }

    private static Map<String, List<String>> group(List<Map<String, Object>> issues, String key, String item) {
        Map<String, List<String>> out = new TreeMap<>();
        issues.forEach(i -> out.computeIfAbsent(String.valueOf(i.get(key)), k -> new ArrayList<>()).add(String.valueOf(i.get(item))));
        return out;
    }

    private List<Repair> submit(String dataType, String scopeKey, String scope, List<String> items) {
        List<Repair> out = new ArrayList<>();
        for (int from = 0; from < items.size(); from += 100) {
            ObjectNode params = mapper.createObjectNode().put("data_type", dataType).put("dry_run", false).put(scopeKey, scope);
            items.subList(from, Math.min(items.size(), from + 100)).stream().sorted().forEach(params.withArray("items")::add);
            SubmitResult r = submission.submit("rebuild_stac", params, "auto-heal", List.of("operator"));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("job_id", r.job().jobId());
            summary.put("job_type", "rebuild_stac");
            summary.put("status", r.status());
            summary.put("parameters", params);
            out.add(new Repair(summary, r.enqueue() ? List.of(Outgoing.job(JobMessage.submit(r.job().jobId()))) : List.of()));
        }
        return out;
    }
}
