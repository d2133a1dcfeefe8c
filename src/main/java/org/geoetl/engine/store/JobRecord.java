package org.geoetl.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** A row of app.jobs. */
public record JobRecord(
        String jobId,
        String jobType,
        JsonNode parameters,
        org.geoetl.engine.state.JobStatus status,
        int stage,
        int totalStages,
        JsonNode metadata,
        JsonNode resultData,
        String errorDetails,
        int attempt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime startedAt,
        OffsetDateTime completedAt,
        /** The pipeline version the job runs; null for a built-in job type. */
        Integer definitionVersion) {

    public boolean isTerminal() {
        return status.isTerminal();
    }
}
