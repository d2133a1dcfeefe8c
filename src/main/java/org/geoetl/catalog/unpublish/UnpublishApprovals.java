package org.geoetl.catalog.unpublish;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.geoetl.catalog.Approvals;
import org.geoetl.engine.NotFoundException;
import org.geoetl.error.GeoEtlException;
import org.springframework.stereotype.Component;

/**
 * The approvals standing between an unpublish and the data: approved (published) data is refused
 * unless force_approved, which revokes the approval with revoker {@code unpublish_job:<job id>}.
 */
@Component
public class UnpublishApprovals {

    private final Approvals approvals;

    public UnpublishApprovals(Approvals approvals) {
        this.approvals = approvals;
    }

    List<UnpublishStages.ApprovalRef> of(Collection<String> jobIds) {
        List<UnpublishStages.ApprovalRef> out = new ArrayList<>();
        jobIds.stream().filter(Objects::nonNull).distinct().sorted().forEach(job -> {
            String id = Approvals.approvalId(job);
            try {
                Map<String, Object> a = approvals.get(id);
                out.add(new UnpublishStages.ApprovalRef(id, job, (String) a.get("status")));
            } catch (NotFoundException e) {
                // a job without an approval (it never completed, or it registered nothing)
            }
        });
        return out;
    }

    static void requireAllowed(String what, List<UnpublishStages.ApprovalRef> refs, boolean forceApproved) {
        List<String> approved = refs.stream().filter(r -> "approved".equals(r.status())).map(UnpublishStages.ApprovalRef::approvalId)
                .toList();
        if (!approved.isEmpty() && !forceApproved) {
            throw new GeoEtlException(409, what + " is approved (" + String.join(", ", approved)
                    + "); set force_approved=true to revoke the approval and unpublish it");
        }
    }

    /** Revokes the approved ones; returns their ids. */
    List<String> revokeApproved(List<UnpublishStages.ApprovalRef> refs, String unpublishJobId) {
        List<String> revoked = new ArrayList<>();
        for (UnpublishStages.ApprovalRef r : refs) {
            if ("approved".equals(r.status())) {
                approvals.revoke(r.approvalId(), "unpublish_job:" + unpublishJobId, "unpublished by job " + unpublishJobId);
                revoked.add(r.approvalId());
            }
        }
        return revoked;
    }
}
