package org.geoetl.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.geoetl.engine.NotFoundException;
import org.geoetl.engine.store.JsonColumns;
import org.geoetl.security.Callers;
import org.springframework.stereotype.Component;

/**
 * Reads approval request bodies ({@code notes}, {@code reason}) for the REST routes. The reviewer
 * recorded is always the caller's identity; a body {@code reviewer} naming someone else is refused,
 * so nobody can approve in another person's name.
 */
@Component("approvalRequests")
public class ApprovalRequests {

    private final Approvals approvals;
    private final JsonColumns json;
    private final Callers callers;
    private final org.geoetl.engine.store.JobRepository jobs;
    private final boolean fourEyes;

    public ApprovalRequests(Approvals approvals, JsonColumns json, Callers callers,
                            org.geoetl.engine.store.JobRepository jobs, org.geoetl.config.GeoEtlProperties properties) {
        this.approvals = approvals;
        this.json = json;
        this.callers = callers;
        this.jobs = jobs;
        this.fourEyes = properties.security().fourEyes();
    }

    /** Four eyes: the submitter of a job may not approve its publication. */
    private void requireOtherThanSubmitter(String approvalId, String reviewer) {
        if (!fourEyes) {
            return;
        }
        String jobId = (String) approvals.get(approvalId).get("job_id");
        if (jobs.submittedBy(jobId).filter(reviewer::equals).isPresent()) {
            throw new org.geoetl.security.AccessRefusedException(403, "you submitted this job; another approver"
                    + " must review its publication");
        }
    }

    public Map<String, Object> approve(String id, String body) {
        JsonNode b = parse(body);
        String reviewer = reviewer(b);
        requireOtherThanSubmitter(id, reviewer);
        return approvals.approve(id, reviewer, b.path("notes").asText(null));
    }

    public Map<String, Object> reject(String id, String body) {
        JsonNode b = parse(body);
        return approvals.reject(id, reviewer(b), b.path("reason").asText(null));
    }

    public Map<String, Object> revoke(String id, String body) {
        JsonNode b = parse(body);
        return approvals.revoke(id, reviewer(b), b.path("reason").asText(null));
    }

    /** The seed's platform endpoint: {@code {"approval_id" | "job_id", "reviewer", "notes"}}. */
    public Map<String, Object> platformApprove(String body) {
        JsonNode b = parse(body);
        String id = b.hasNonNull("approval_id") ? b.get("approval_id").asText()
                : b.hasNonNull("job_id") ? Approvals.approvalId(b.get("job_id").asText()) : null;
        if (id == null) {
            throw new NotFoundException("give approval_id or job_id");
        }
        String reviewer = reviewer(b);
        requireOtherThanSubmitter(id, reviewer);
        return approvals.approve(id, reviewer, b.path("notes").asText(null));
    }

    private String reviewer(JsonNode body) {
        String caller = callers.name();
        JsonNode claimed = body.get("reviewer");
        if (claimed != null && !claimed.isNull() && !caller.equals(claimed.asText())) {
            throw new Approvals.ReasonRequiredException("the reviewer is taken from your credentials ("
                    + caller + "); remove the reviewer field");
        }
        return caller;
    }

    private JsonNode parse(String body) {
        return json.read(body == null || body.isBlank() ? "{}" : body);
    }
}
