package org.geoetl.engine.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A message on a task queue: run these tasks — one, or a batch of one stage's tasks that a
 * single consumer claims and completes in one statement each. Parameters stay in app.tasks
 * (Service Bus caps messages at 256 KB; a batch carries ids only).
 */
public record TaskMessage(List<String> taskIds, String jobId, int stage, String taskType, String queueClass) {

    public TaskMessage {
        if (taskIds == null || taskIds.isEmpty()) {
            throw new IllegalArgumentException("a task message names at least one task");
        }
        taskIds = List.copyOf(taskIds);
    }

    public TaskMessage(String taskId, String jobId, int stage, String taskType, String queueClass) {
        this(List.of(taskId), jobId, stage, taskType, queueClass);
    }

    /** Reads both shapes: {@code taskIds} (a batch) and {@code taskId} (one task, as older messages are). */
    @JsonCreator
    static TaskMessage fromJson(@JsonProperty("taskIds") List<String> taskIds, @JsonProperty("taskId") String taskId,
                                @JsonProperty("jobId") String jobId, @JsonProperty("stage") int stage,
                                @JsonProperty("taskType") String taskType, @JsonProperty("queueClass") String queueClass) {
        return new TaskMessage(taskIds != null ? taskIds : taskId == null ? null : List.of(taskId), jobId, stage,
                taskType, queueClass);
    }

    /** The same message for one task of this one (a retry, a deferral, a re-send). */
    public TaskMessage only(String taskId) {
        return new TaskMessage(taskId, jobId, stage, taskType, queueClass);
    }
}
