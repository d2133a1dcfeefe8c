package org.geoetl.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.JobCompletionListener;
import org.geoetl.engine.NotFoundException;
import org.geoetl.engine.OperatorVerbs;
import org.geoetl.stac.StacStore;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The approval workflow (seed §5.3). A job that registered STAC items gets a pending approval
 * when it completes; its items stay unpublished until a reviewer approves. pending → approved
 * (items published, who and when recorded on them) · pending → rejected (reason required) ·
 * rejected → pending (resubmit) · approved → revoked (reason required; items unpublished again).
 */
@Component
@org.springframework.core.annotation.Order(0)
public class Approvals implements JobCompletionListener {

    private final NamedParameterJdbcTemplate jdbc;
    private final StacStore stac;
    private final TransactionTemplate tx;

    public Approvals(NamedParameterJdbcTemplate jdbc, StacStore stac, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.stac = stac;
        this.tx = tx;
    }

    /** Approval ids are derived from the job: one approval per publishing job. */
    public static String approvalId(String jobId) {
        return "apr-" + org.geoetl.engine.JobIds.taskId(jobId, 0, "approval").substring(0, 16);
    }

    @Override
    public void jobCompleted(String jobId, String jobType, JsonNode result) {
        Map<String, Object> published = jdbc.queryForMap("""
                SELECT count(*) AS n, min(collection_id) AS collection FROM stac.items WHERE job_id = :job""",
                Map.of("job", jobId));
        long items = ((Number) published.get("n")).longValue();
        if (items == 0) {
            return; // nothing to review
        }
        jdbc.update("""
                INSERT INTO app.dataset_approvals (approval_id, job_id, job_type, stac_collection_id, item_count)
                VALUES (:id, :job, :type, :collection, :n)
                ON CONFLICT (job_id) DO UPDATE
                   SET status = 'pending', item_count = EXCLUDED.item_count, reviewer = NULL, reviewed_at = NULL,
                       rejection_reason = NULL, updated_at = now()""",
                new MapSqlParameterSource("id", approvalId(jobId)).addValue("job", jobId).addValue("type", jobType)
                        .addValue("collection", published.get("collection")).addValue("n", items));
    }

    /** Sets the classification of a job's approval (the Platform's access level: public or ouo). */
    public int classify(String jobId, String classification) {
        return jdbc.update("UPDATE app.dataset_approvals SET classification = :c, updated_at = now() WHERE job_id = :job",
                new MapSqlParameterSource("c", classification).addValue("job", jobId));
    }

    public Map<String, Object> approve(String approvalId, String reviewer, String notes) {
        return tx.execute(s -> {
            Map<String, Object> a = lock(approvalId, ApprovalStatus.APPROVED);
            jdbc.update("""
                    UPDATE app.dataset_approvals SET status = 'approved', reviewer = :r, notes = :notes,
                           reviewed_at = now(), updated_at = now() WHERE approval_id = :id""",
                    new MapSqlParameterSource("id", approvalId).addValue("r", reviewer).addValue("notes", notes));
            stac.publishJob((String) a.get("job_id"), reviewer);
            return get(approvalId);
        });
    }

    /**
     * The system approves a job's approval it just opened (a curated dataset marked auto-approve):
     * no four-eyes check, since no person reviews; the reviewer name says which rule decided.
     */
    public void autoApprove(String jobId, String reviewer, String notes) {
        jdbc.queryForList("SELECT approval_id FROM app.dataset_approvals WHERE job_id = :job AND status = 'pending'",
                Map.of("job", jobId), String.class).forEach(id -> approve(id, reviewer, notes));
    }

    public Map<String, Object> reject(String approvalId, String reviewer, String reason) {
        requireReason(reason, "rejecting");
        return tx.execute(s -> {
            lock(approvalId, ApprovalStatus.REJECTED);
            jdbc.update("""
                    UPDATE app.dataset_approvals SET status = 'rejected', reviewer = :r, rejection_reason = :why,
                           reviewed_at = now(), updated_at = now() WHERE approval_id = :id""",
                    new MapSqlParameterSource("id", approvalId).addValue("r", reviewer).addValue("why", reason));
            return get(approvalId);
        });
    }

    public Map<String, Object> revoke(String approvalId, String reviewer, String reason) {
        requireReason(reason, "revoking");
        return tx.execute(s -> {
            Map<String, Object> a = lock(approvalId, ApprovalStatus.REVOKED);
            jdbc.update("""
                    UPDATE app.dataset_approvals SET status = 'revoked', revoked_by = :r, revocation_reason = :why,
                           revoked_at = now(), updated_at = now() WHERE approval_id = :id""",
                    new MapSqlParameterSource("id", approvalId).addValue("r", reviewer).addValue("why", reason));
            stac.revokeJob((String) a.get("job_id"), reviewer, reason);
            return get(approvalId);
        });
    }

    public Map<String, Object> resubmit(String approvalId) {
        return tx.execute(s -> {
            lock(approvalId, ApprovalStatus.PENDING);
            jdbc.update("""
                    UPDATE app.dataset_approvals SET status = 'pending', reviewed_at = NULL, updated_at = now()
                     WHERE approval_id = :id""", Map.of("id", approvalId));
            return get(approvalId);
        });
    }

    /**
     * Published items of these jobs changed after approval (StacStore unpublished them): their
     * approvals go back to pending — a system transition, not one a caller can ask for.
     */
    @org.springframework.context.event.EventListener
    public void publishedItemsChanged(org.geoetl.stac.PublishedItemsChanged changed) {
        // the approval covers the dataset as a whole: none of it stays published while it is reviewed again
        changed.jobIds().forEach(stac::unpublishJob);
        jdbc.update("""
                UPDATE app.dataset_approvals SET status = 'pending', reviewer = NULL, reviewed_at = NULL,
                       notes = 'reopened: published items changed after approval', updated_at = now()
                 WHERE job_id IN (:jobs) AND status = 'approved'""", Map.of("jobs", changed.jobIds()));
    }

    public Map<String, Object> get(String approvalId) {
        return jdbc.queryForList("SELECT * FROM app.dataset_approvals WHERE approval_id = :id", Map.of("id", approvalId))
                .stream().findFirst().orElseThrow(() -> new NotFoundException("approval " + approvalId + " not found"));
    }

    public Map<String, Object> list(String status, String jobId, String limit, String offset) {
        int lim = org.geoetl.web.QueryParams.integer("limit", limit, 1, 500, 50);
        int off = org.geoetl.web.QueryParams.integer("offset", offset, 0, Integer.MAX_VALUE, 0);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT * FROM app.dataset_approvals
                 WHERE (CAST(:status AS text) IS NULL OR status = :status)
                   AND (CAST(:job AS text) IS NULL OR job_id = :job)
                 ORDER BY created_at DESC, approval_id LIMIT :limit OFFSET :offset""",
                new MapSqlParameterSource("status", status).addValue("job", jobId).addValue("limit", lim)
                        .addValue("offset", off));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", rows.size());
        out.put("approvals", rows);
        return out;
    }

    /** The approvals of these jobs, optionally of one status, newest first. */
    public List<Map<String, Object>> forJobs(List<String> jobIds, ApprovalStatus status, int limit) {
        return jobIds.isEmpty() ? List.of() : jdbc.queryForList("""
                SELECT * FROM app.dataset_approvals WHERE job_id IN (:jobs)
                   AND (CAST(:status AS text) IS NULL OR status = :status)
                 ORDER BY created_at DESC, approval_id LIMIT :limit""",
                new MapSqlParameterSource("jobs", jobIds).addValue("status", status == null ? null : status.sql())
                        .addValue("limit", limit));
    }

    /** Locks the approval and checks that it may move to {@code next} (409 otherwise). */
    private Map<String, Object> lock(String approvalId, ApprovalStatus next) {
        Map<String, Object> a = jdbc.queryForList("SELECT * FROM app.dataset_approvals WHERE approval_id = :id FOR UPDATE",
                Map.of("id", approvalId)).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("approval " + approvalId + " not found"));
        ApprovalStatus current = ApprovalStatus.of((String) a.get("status"));
        if (!current.canMoveTo(next)) {
            throw new OperatorVerbs.Refused("approval " + approvalId + " is " + current + "; it cannot become " + next);
        }
        return a;
    }

    private static void requireReason(String reason, String verb) {
        if (reason == null || reason.isBlank()) {
            throw new ReasonRequiredException(verb + " an approval needs a reason");
        }
    }

    /** A reject or revoke without a reason (HTTP 400). */
    public static class ReasonRequiredException extends org.geoetl.error.GeoEtlException {
        public ReasonRequiredException(String message) {
            super(400, message);
        }
    }
}
