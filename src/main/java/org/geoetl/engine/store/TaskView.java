package org.geoetl.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** A task as shown by the API. */
public record TaskView(String taskId, String taskType, int stage, String stageName, int taskIndex,
                       org.geoetl.engine.state.TaskStatus status,
                       int attempts, String targetQueue, String executedBy, JsonNode parameters,
                       JsonNode resultData, String errorDetails, String errorType, int checkpointPhase,
                       JsonNode progress, OffsetDateTime executionStartedAt, OffsetDateTime completedAt,
                       OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
