package org.geoetl.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** A row of app.job_definitions: version 0 is the draft, 1, 2 … the published versions. */
public record PipelineRow(String name, int version, PipelineStatus status, JsonNode definition, String author,
                          OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
