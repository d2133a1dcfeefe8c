package org.geoetl.engine.state;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** app.job_stages.status, mirroring its CHECK constraint. */
public enum StageStatus {
    RUNNING, COMPLETED;

    @JsonValue
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StageStatus of(String sql) {
        return valueOf(sql.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return sql();
    }
}
