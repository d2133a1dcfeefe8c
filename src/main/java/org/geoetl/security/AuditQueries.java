package org.geoetl.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.geoetl.web.QueryParams;
import org.springframework.stereotype.Component;

/** {@code GET /api/admin/audit}: the audit trail for admins. */
@Component("auditQueries")
public class AuditQueries {

    private static final Set<String> OUTCOMES = Set.of("allowed", "denied", "failed");

    private final AuditRepository audit;

    public AuditQueries(AuditRepository audit) {
        this.audit = audit;
    }

    public List<Map<String, Object>> find(String principal, String outcome, String after, String limit) {
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw new org.geoetl.error.GeoEtlException(400, "outcome must be allowed, denied or failed");
        }
        return audit.find(QueryParams.text("principal", principal, 200), outcome,
                QueryParams.instant("after", after), QueryParams.integer("limit", limit, 1, 1000, 100));
    }
}
