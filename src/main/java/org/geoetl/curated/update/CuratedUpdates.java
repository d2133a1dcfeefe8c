package org.geoetl.curated.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.curated.CuratedDatasetRepository;
import org.geoetl.engine.JobSubmission;
import org.geoetl.engine.SubmitResult;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.error.GeoEtlException;
import org.springframework.stereotype.Component;

/**
 * Starts curated_dataset_update runs: on request ({@code POST /api/curated/datasets/{id}/update})
 * and on schedule. Each run is its own job — the fire time (or the request time, to the second) is
 * part of its identity, so two ticks are two jobs and a double click is one. Runs are submitted
 * as {@code curated:<id>}: the dataset, not whoever pressed the button, owns its table, so a
 * scheduled run may replace what a manual one loaded.
 */
@Component("curatedUpdates")
public class CuratedUpdates {

    /** A submission: the answer for the caller and the job message to send (none when idempotent). */
    public record Submitted(int status, Map<String, Object> response, List<Outgoing> messages) {
    }

    private final JobSubmission submission;
    private final CuratedDatasetRepository registry;
    private final ObjectMapper mapper;
    private final Clock clock;

    public CuratedUpdates(JobSubmission submission, CuratedDatasetRepository registry, ObjectMapper mapper,
                          Clock clock) {
        this.submission = submission;
        this.registry = registry;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A manual run; {@code body} may hold force_update and dry_run. */
    public Submitted request(String id, JsonNode body, String caller, List<String> roles) {
        ObjectNode params = mapper.createObjectNode();
        for (String key : List.of("force_update", "dry_run")) {
            if (body != null && body.has(key)) {
                params.set(key, body.get(key));
            }
        }
        for (var it = body == null ? java.util.Collections.<String>emptyIterator() : body.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("force_update") && !key.equals("dry_run")) {
                throw new GeoEtlException(400, "unknown field '" + key + "'; an update takes force_update and dry_run");
            }
        }
        return submit(id, "manual", clock.instant().truncatedTo(ChronoUnit.SECONDS), params, caller, roles);
    }

    /** A scheduled run for the tick that fired at {@code fireTime}. */
    public Submitted scheduled(String id, Instant fireTime) {
        return submit(id, "scheduled", fireTime.truncatedTo(ChronoUnit.SECONDS), mapper.createObjectNode(),
                "scheduler", List.of());
    }

    private Submitted submit(String id, String type, Instant at, ObjectNode params, String caller, List<String> roles) {
        registry.find(id).orElseThrow(() -> new GeoEtlException(404, "no curated dataset " + id));
        params.put("dataset_id", id).put("update_type", type).put("fire_time", at.toString()).put("requested_by", caller);
        SubmitResult result = submission.submit(CuratedRunEnds.JOB_TYPE, params, "curated:" + id, roles);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("dataset_id", id);
        response.put("job_id", result.job().jobId());
        response.put("status", result.status());
        response.put("update_type", type);
        response.put("idempotent", result.idempotent());
        response.put("status_url", "/api/jobs/status/" + result.job().jobId());
        response.put("message", result.message());
        List<Outgoing> messages = result.enqueue() ? List.of(Outgoing.job(JobMessage.submit(result.job().jobId())))
                : List.of();
        return new Submitted(result.enqueue() ? 202 : 200, response, messages);
    }
}
