package org.geoetl.engine.store;

/** What a task message is built from: the task's ids, type and the queue stored when it was planned. */
public record DispatchRow(String taskId, String jobId, int stage, String taskType, String targetQueue) {
}
