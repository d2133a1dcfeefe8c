package org.geoetl.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.geoetl.engine.NotFoundException;
import org.geoetl.engine.store.JsonColumns;
import org.springframework.stereotype.Component;

/** Reads approval request bodies ({@code reviewer}, {@code notes}, {@code reason}) for the REST routes. */
@Component("approvalRequests")
public class ApprovalRequests {

    private final Approvals approvals;
    private final JsonColumns json;

    public ApprovalRequests(Approvals approvals, JsonColumns json) {
        this.approvals = approvals;
        this.json = json;
    }

    public Map<String, Object> approve(String id, String body) {
        JsonNode b = parse(body);
        return approvals.approve(id, reviewer(b), b.path("notes").asText(null));
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
        return approvals.approve(id, reviewer(b), b.path("notes").asText(null));
    }

    private static String reviewer(JsonNode body) {
        String r = body.path("reviewer").asText("");
        if (r.isBlank()) {
            throw new Approvals.ReasonRequiredException("a reviewer is required");
        }
        return r;
    }

    private JsonNode parse(String body) {
        return json.read(body == null || body.isBlank() ? "{}" : body);
    }
}
