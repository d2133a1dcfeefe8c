package org.geoetl.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * app.dataset_approvals.status, mirroring its CHECK constraint: pending → approved | rejected;
 * rejected → pending (resubmit); approved → revoked.
 */
public enum ApprovalStatus {
    PENDING, APPROVED, REJECTED, REVOKED;

    @JsonValue
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApprovalStatus of(String sql) {
        return valueOf(sql.toUpperCase(Locale.ROOT));
    }

    /** Whether a reviewer may move an approval from this status to {@code next}. */
    public boolean canMoveTo(ApprovalStatus next) {
        return switch (this) {
            case PENDING -> next == APPROVED || next == REJECTED;
            case REJECTED -> next == PENDING;
            case APPROVED -> next == REVOKED;
            case REVOKED -> false;
        };
    }

    @Override
    public String toString() {
        return sql();
    }
}
