package org.geoetl.engine.store;

import com.fasterxml.jackson.databind.JsonNode;

/** A task this worker now holds (status processing, lease running), with its job's parameters. */
public record ClaimedTask(String taskId, String jobId, String jobType, String taskType, int stage, String stageName,
                          int taskIndex, JsonNode parameters, int attempts, int maxAttempts, int checkpointPhase,
                          JsonNode checkpointData, JsonNode jobParameters,
                          /** the pipeline version the job runs; null for a built-in job type */
                          Integer definitionVersion) {
}
