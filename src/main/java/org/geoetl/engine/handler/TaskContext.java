package org.geoetl.engine.handler;

import java.util.List;
import java.util.Map;

/** What a running task may know and do. */
public interface TaskContext {

    String taskId();

    /** Stable across redeliveries and retries of this task: use it to make external effects idempotent. */
    default String idempotencyKey() {
        return taskId();
    }

    String jobId();

    String jobType();

    int stage();

    String stageName();

    /** 1 on the first run, 2 on the first retry, … */
    int attempt();

    /** The job's validated parameters (defaults applied). */
    Map<String, Object> jobParameters();

    /**
     * The job's validated parameters as a record (annotate it with
     * {@code @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)} to map the schema's
     * snake_case keys); keys the record does not name are ignored. A mismatch fails the task permanently.
     */
    <T> T params(Class<T> type);

    /** This task's own parameters (see {@link #taskParameters()}) as a record. */
    <T> T taskParams(Class<T> type);

    /** This task's own parameters as planned by its stage's fan-out rule (index, item, items …). */
    Map<String, Object> taskParameters();

    /** Results of every completed task of an earlier stage, in task order. */
    List<Map<String, Object>> stageResults(String stageName);

    /** Results of every completed task of an earlier stage, in task order, as records. */
    <T> List<T> stageResults(String stageName, Class<T> type);

    /** Last phase saved by {@link #checkpoint}; 0 when the task starts fresh. */
    int checkpointPhase();

    Map<String, Object> checkpointData();

    /** Record that {@code phase} finished and its output is in place; merged into earlier data. */
    void checkpoint(int phase, Map<String, Object> data);

    /** True once the worker is shutting down: stop at the next phase boundary. */
    boolean shouldStop();

    /** Call at a phase boundary, after {@link #checkpoint}: stops the task there if the worker is shutting down. */
    default void stopIfRequested() {
        if (shouldStop()) {
            throw new TaskStoppedException("worker shutting down; task stopped after phase " + checkpointPhase());
        }
    }

    /** How far this task is (0–100) and what it is doing; shown by the progress API and the dashboard. */
    default void progress(int percent, String message) {
        progress(percent, message, null, null);
    }

    /**
     * Progress with the items behind it (features loaded, tiles written, bytes fetched; null when
     * unknown). Frequent calls are cheap: the engine stores at most about one per second per task.
     */
    void progress(int percent, String message, Long itemsDone, Long itemsTotal);
}
