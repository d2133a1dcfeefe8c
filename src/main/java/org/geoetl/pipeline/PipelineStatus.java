package org.geoetl.pipeline;

/** A row of app.job_definitions: the one draft (version 0), a published version, or an archived one. */
public enum PipelineStatus {
    DRAFT, PUBLISHED, ARCHIVED;

    public String sql() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static PipelineStatus of(String sql) {
        return valueOf(sql.toUpperCase(java.util.Locale.ROOT));
    }
}
