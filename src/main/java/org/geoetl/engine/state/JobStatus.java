package org.geoetl.engine.state;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** app.jobs.status, mirroring its CHECK constraint. A terminal job is never moved again. */
public enum JobStatus {
    QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED;

    /** The column value. */
    @JsonValue
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** Failed or cancelled: an identical submission starts a new attempt. */
    public boolean canStartNewAttempt() {
        return this == FAILED || this == CANCELLED;
    }

    public static JobStatus of(String sql) {
        return valueOf(sql.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return sql();
    }
}
