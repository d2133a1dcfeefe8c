package org.geoetl.engine.store;

/** A task about to be inserted by the planner. */
public record NewTask(String taskId, String jobId, String jobType, String taskType, int stage, String stageName,
                      int taskIndex, Object parameters, String targetQueue, int maxAttempts) {
}
