package org.geoetl.engine.store;

/** A processing task whose worker is gone (lease expired or instance dead), locked for recovery. */
public record AbandonedTask(String taskId, String jobId, int stage, String stageName, String taskType, int taskIndex,
                            int attempts, int maxAttempts, String executedBy, String targetQueue) {

    public boolean attemptsUsedUp() {
        return attempts >= maxAttempts;
    }

    public DispatchRow dispatchRow() {
        return new DispatchRow(taskId, jobId, stage, taskType, targetQueue);
    }
}
