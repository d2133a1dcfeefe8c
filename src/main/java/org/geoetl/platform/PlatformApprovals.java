package org.geoetl.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.geoetl.catalog.ApprovalStatus;
import org.geoetl.catalog.Approvals;
import org.geoetl.engine.NotFoundException;
import org.geoetl.engine.OperatorVerbs;
import org.geoetl.error.GeoEtlException;
import org.geoetl.security.Callers;
import org.geoetl.web.QueryParams;
import org.springframework.stereotype.Component;

/**
 * A hub's view of the approvals of its requests: {@code GET /api/platform/approvals} (filters
 * status and the DDH ids; each approval with the request it belongs to), one approval by id, and
 * {@code POST /api/platform/revoke} — the request named by its DDH ids, request id or a job id,
 * a reason required; every approved approval of the request is revoked (its items unpublished).
 */
@Component("platformApprovals")
public class PlatformApprovals {

    static final Set<String> REVOKE_FIELDS = Set.of("dataset_id", "resource_id", "version_id", "request_id", "job_id",
            "reason");

    private final PlatformRequests requests;
    private final PlatformUnpublish unpublish;
    private final Approvals approvals;
    private final Callers callers;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    public PlatformApprovals(PlatformRequests requests, PlatformUnpublish unpublish, Approvals approvals, Callers callers,
                             com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.mapper = mapper;
        this.requests = requests;
        this.unpublish = unpublish;
        this.approvals = approvals;
        this.callers = callers;
    }

    public Map<String, Object> list(String status, String datasetId, String resourceId, String versionId, String limit) {
        int lim = QueryParams.integer("limit", limit, 1, 500, 50);
        ApprovalStatus wanted = status(status);
        Map<String, PlatformRequests.Row> byJob = new LinkedHashMap<>();
        for (PlatformRequests.Row r : requests.matching(datasetId, resourceId, versionId, 500)) {
            r.jobIds().forEach(j -> byJob.put(j, r));
        }
        List<Map<String, Object>> rows = approvals.forJobs(new ArrayList<>(byJob.keySet()), wanted, lim).stream()
                .map(a -> withRequest(a, byJob.get((String) a.get("job_id")))).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", rows.size());
        out.put("approvals", rows);
        return out;
    }

    public Map<String, Object> get(String approvalId) {
        Map<String, Object> a = approvals.get(approvalId);
        return withRequest(a, requests.byJob((String) a.get("job_id"))
                .orElseThrow(() -> new NotFoundException("approval " + approvalId + " is not one of a platform request")));
    }

    public Map<String, Object> revoke(String text) {
        return revoke(PlatformBody.parse(mapper, text));
    }

    Map<String, Object> revoke(JsonNode body) {
        body.fieldNames().forEachRemaining(f -> {
            if (!REVOKE_FIELDS.contains(f)) {
                throw new GeoEtlException(400, "unknown field '" + f + "'; known: " + new java.util.TreeSet<>(REVOKE_FIELDS));
            }
        });
        String reason = body.path("reason").asText("");
        if (reason.isBlank()) {
            throw new Approvals.ReasonRequiredException("revoking needs a reason");
        }
        PlatformRequests.Row row = unpublish.find(body);
        List<String> approved = approvals.forJobs(row.jobIds(), ApprovalStatus.APPROVED, 500).stream()
                .map(a -> (String) a.get("approval_id")).toList();
        if (approved.isEmpty()) {
            throw new OperatorVerbs.Refused("request " + row.requestId() + " has no approved data to revoke");
        }
        List<Map<String, Object>> revoked = approved.stream()
                .map(id -> approvals.revoke(id, callers.name(), reason)).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request_id", row.requestId());
        out.put("revoked", revoked.size());
        out.put("approvals", revoked);
        return out;
    }

    private static ApprovalStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ApprovalStatus.of(status);
        } catch (IllegalArgumentException e) {
            throw new QueryParams.InvalidParameterException("status", "one of "
                    + java.util.Arrays.stream(ApprovalStatus.values()).map(ApprovalStatus::sql).toList());
        }
    }

    private static Map<String, Object> withRequest(Map<String, Object> approval, PlatformRequests.Row r) {
        Map<String, Object> a = new LinkedHashMap<>(approval);
        a.put("request_id", r.requestId());
        a.put("dataset_id", r.datasetId());
        a.put("resource_id", r.resourceId());
        a.put("version_id", r.versionId());
        return a;
    }
}
