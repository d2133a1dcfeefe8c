package org.geoetl.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.catalog.Approvals;
import org.geoetl.engine.NotFoundException;
import org.geoetl.engine.store.JobRecord;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.web.QueryParams;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/platform/status/{id}} by request id or job id: the request's ids, each job's
 * status and result, the request's overall status, its outputs with their STAC URLs, and the
 * approvals; {@code GET /api/platform/status} lists recent requests.
 */
@Component("platformStatus")
public class PlatformStatus {

    private final PlatformRequests requests;
    private final JobRepository jobs;
    private final Approvals approvals;
    private final ObjectMapper mapper;

    public PlatformStatus(PlatformRequests requests, JobRepository jobs, Approvals approvals, ObjectMapper mapper) {
        this.requests = requests;
        this.jobs = jobs;
        this.approvals = approvals;
        this.mapper = mapper;
    }

    public Map<String, Object> status(String id) {
        PlatformRequests.Row row = requests.find(id).or(() -> requests.byJob(id))
                .orElseThrow(() -> new NotFoundException("no platform request or job " + id));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request_id", row.requestId());
        out.put("dataset_id", row.datasetId());
        out.put("resource_id", row.resourceId());
        out.put("version_id", row.versionId());
        out.put("data_type", row.dataType());
        out.put("access_level", row.accessLevel());
        out.put("job_id", row.jobIds().get(0));
        List<Map<String, Object>> jobList = new ArrayList<>();
        List<String> states = new ArrayList<>();
        List<Map<String, Object>> approvalList = new ArrayList<>();
        for (String jobId : row.jobIds()) {
            JobRecord j = jobs.find(jobId).orElse(null);
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("job_id", jobId);
            job.put("job_type", j == null ? row.jobType() : j.jobType());
            job.put("job_status", j == null ? "deleted" : j.status().sql());
            job.put("job_stage", j == null ? null : j.stage());
            job.put("job_result", j == null ? null : j.resultData());
            jobList.add(job);
            states.add((String) job.get("job_status"));
            approval(jobId).ifPresent(approvalList::add);
        }
        out.put("job_status", overall(states));
        out.put("jobs", jobList);
        out.put("outputs", outputs(row));
        out.put("approvals", approvalList);
        return out;
    }

    public List<Map<String, Object>> list(String limit) {
        return requests.recent(QueryParams.integer("limit", limit, 1, 500, 50)).stream()
                .map(r -> PlatformSubmissions.answer(r, false, null)).toList();
    }

    private java.util.Optional<Map<String, Object>> approval(String jobId) {
        try {
            Map<String, Object> a = approvals.get(Approvals.approvalId(jobId));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("approval_id", a.get("approval_id"));
            out.put("status", a.get("status"));
            out.put("classification", a.get("classification"));
            return java.util.Optional.of(out);
        } catch (NotFoundException e) {
            return java.util.Optional.empty(); // opens when the job completes
        }
    }

    /** completed when every job is; failed or cancelled when one is; else the least advanced state. */
    static String overall(List<String> states) {
        for (String bad : List.of("failed", "cancelled", "deleted")) {
            if (states.contains(bad)) {
                return bad;
            }
        }
        if (states.stream().allMatch("completed"::equals)) {
            return "completed";
        }
        return states.contains("processing") || states.contains("completed") ? "processing" : "queued";
    }

    /** A request's outputs with their STAC URLs. */
    Map<String, Object> outputs(PlatformRequests.Row row) {
        JsonNode o = readTree(row.outputs());
        Map<String, Object> out = new LinkedHashMap<>(mapper.convertValue(o, Map.class));
        if ("vector".equals(row.dataType())) {
            out.put("stac_item_url", "/api/stac/collections/system-vectors/items/postgis-" + o.path("schema").asText()
                    + "-" + o.path("table").asText());
        } else {
            String c = o.path("collection_id").asText();
            out.put("stac_collection_url", "/api/stac/collections/" + c);
            List<String> urls = new ArrayList<>();
            o.path("items").forEach(i -> urls.add("/api/stac/collections/" + c + "/items/" + i.asText()));
            out.put("stac_item_urls", urls);
        }
        return out;
    }

    private JsonNode readTree(String text) {
        try {
            return mapper.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
