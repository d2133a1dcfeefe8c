package org.geoetl.engine.state;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * app.tasks.status, mirroring its CHECK constraint. Tasks are born {@code queued}; a worker's
 * claim makes them {@code processing}; a graceful stop leaves them {@code interrupted} (resumable).
 */
public enum TaskStatus {
    QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED, INTERRUPTED;

    @JsonValue
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskStatus of(String sql) {
        return valueOf(sql.toUpperCase(Locale.ROOT));
    }

    /** Every status's column value, in declaration order (for per-status counts). */
    public static List<String> sqlValues() {
        return Arrays.stream(values()).map(TaskStatus::sql).toList();
    }

    @Override
    public String toString() {
        return sql();
    }
}
