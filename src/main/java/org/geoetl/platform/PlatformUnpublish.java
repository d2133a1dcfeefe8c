package org.geoetl.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.geoetl.catalog.unpublish.UnpublishChecks;
import org.geoetl.engine.JobSubmission;
import org.geoetl.engine.NotFoundException;
import org.geoetl.engine.SubmitResult;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.error.GeoEtlException;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/platform/unpublish}: the request found by the hub's ids, its request id or a job
 * id becomes unpublish_vector (the table) or one unpublish_raster per item, with the caller's
 * {@code dry_run} (default true) and {@code force_approved}. Every job's plan is checked before any
 * is submitted (nothing there → 404, approved without force → 409), so a collection is unpublished
 * whole or not at all. When the unpublish jobs have completed, the request is forgotten.
 */
@Component
public class PlatformUnpublish {

    static final Set<String> FIELDS = Set.of("dataset_id", "resource_id", "version_id", "request_id", "job_id", "dry_run",
            "force_approved");

    private final PlatformRequests requests;
    private final JobSubmission submission;
    private final UnpublishChecks checks;
    private final ObjectMapper mapper;

    public PlatformUnpublish(PlatformRequests requests, JobSubmission submission, UnpublishChecks checks, ObjectMapper mapper) {
        this.requests = requests;
        this.submission = submission;
        this.checks = checks;
        this.mapper = mapper;
    }

    public PlatformSubmissions.Submitted unpublish(JsonNode b, String caller, List<String> roles) {
        b.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new GeoEtlException(400, "unknown field '" + f + "'; known: " + new java.util.TreeSet<>(FIELDS));
            }
        });
        PlatformRequests.Row row = find(b);
        boolean dryRun = b.path("dry_run").asBoolean(true);
        List<ObjectNode> jobs = jobs(row, dryRun, b.path("force_approved").asBoolean(false));
        jobs.forEach(checks::atSubmit);
        List<String> ids = new ArrayList<>();
        List<Outgoing> messages = new ArrayList<>();
        String jobType = "vector".equals(row.dataType()) ? "unpublish_vector" : "unpublish_raster";
        for (ObjectNode p : jobs) {
            SubmitResult s = submission.submit(jobType, p, caller, roles);
            ids.add(s.job().jobId());
            if (s.enqueue()) {
                messages.add(Outgoing.job(JobMessage.submit(s.job().jobId())));
            }
        }
        if (!dryRun) {
            requests.unpublishing(row.requestId(), ids);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request_id", row.requestId());
        out.put("job_type", jobType);
        out.put("job_ids", ids);
        out.put("dry_run", dryRun);
        out.put("message", dryRun ? "dry run: the jobs' results list what would be removed" : ids.size() + " unpublish job(s) queued");
        return new PlatformSubmissions.Submitted(messages.isEmpty() ? 200 : 202, out, messages);
    }

    /** The request a body names: by the hub's ids, request_id or job_id (404 when none, 400 when unnamed). */
    PlatformRequests.Row find(JsonNode b) {
        if (b.hasNonNull("request_id")) {
            return requests.find(b.get("request_id").asText()).orElseThrow(() -> notFound("request " + b.get("request_id").asText()));
        }
        if (b.hasNonNull("job_id")) {
            return requests.byJob(b.get("job_id").asText()).orElseThrow(() -> notFound("a request with job " + b.get("job_id").asText()));
        }
        if (b.hasNonNull("dataset_id") && b.hasNonNull("resource_id") && b.hasNonNull("version_id")) {
            return requests.byIds(b.get("dataset_id").asText(), b.get("resource_id").asText(), b.get("version_id").asText())
                    .orElseThrow(() -> notFound("a request with these DDH ids"));
        }
        throw new GeoEtlException(400, "name the request: dataset_id + resource_id + version_id, request_id, or job_id");
    }

    private static NotFoundException notFound(String what) {
        return new NotFoundException("no platform request: " + what);
    }

    private List<ObjectNode> jobs(PlatformRequests.Row row, boolean dryRun, boolean force) {
        JsonNode outputs = read(row.outputs());
        List<ObjectNode> out = new ArrayList<>();
        if ("vector".equals(row.dataType())) {
            out.add(mapper.createObjectNode().put("table_name", outputs.path("table").asText())
                    .put("schema", outputs.path("schema").asText("geo")).put("dry_run", dryRun).put("force_approved", force));
        } else {
            outputs.path("items").forEach(i -> out.add(mapper.createObjectNode()
                    .put("collection_id", outputs.path("collection_id").asText()).put("item_id", i.asText())
                    .put("dry_run", dryRun).put("force_approved", force)));
        }
        return out;
    }

    private JsonNode read(String text) {
        try {
            return mapper.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
