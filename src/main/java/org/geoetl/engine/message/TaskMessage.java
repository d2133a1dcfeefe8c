package org.geoetl.engine.message;

/** A message on a task queue: run this task. Parameters stay in app.tasks (Service Bus caps messages at 256 KB). */
public record TaskMessage(String taskId, String jobId, int stage, String taskType, String queueClass) {
}
