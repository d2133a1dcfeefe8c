package org.geoetl.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.geoetl.engine.definition.JobDefinition;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.store.ClaimedTask;
import org.geoetl.engine.store.TaskProgressRepository;
import org.geoetl.engine.store.TaskRepository;

/** The {@link TaskContext} a claimed task runs with. */
class EngineTaskContext implements TaskContext {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ClaimedTask task;
    private final JobDefinition definition;
    private final TaskRepository tasks;
    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    private final TaskProgressRepository progress;
    private long lastProgressNanos;
    private final ObjectMapper mapper;
    private final BooleanSupplier stopping;
    private int checkpointPhase;
    private final Map<String, Object> checkpointData;

    EngineTaskContext(ClaimedTask task, JobDefinition definition, TaskRepository tasks,
                      TaskProgressRepository progress, ObjectMapper mapper, BooleanSupplier stopping) {
        this.task = task;
        this.definition = definition;
        this.tasks = tasks;
        this.progress = progress;
        this.mapper = mapper;
        this.stopping = stopping;
        this.checkpointPhase = task.checkpointPhase();
        this.checkpointData = new LinkedHashMap<>(toMap(task.checkpointData()));
    }

    @Override public String taskId() { return task.taskId(); }
    @Override public String jobId() { return task.jobId(); }
    @Override public String jobType() { return task.jobType(); }
    @Override public int stage() { return task.stage(); }
    @Override public String stageName() { return task.stageName(); }
    @Override public int attempt() { return task.attempts(); }
    @Override public Map<String, Object> jobParameters() { return toMap(task.jobParameters()); }
    @Override public Map<String, Object> taskParameters() { return toMap(task.parameters()); }

    @Override
    public <T> T params(Class<T> type) {
        return StageData.read(task.jobParameters(), type, "the job parameters of " + task.jobType());
    }

    @Override
    public <T> T taskParams(Class<T> type) {
        return StageData.read(task.parameters(), type, "the parameters of task " + task.taskType());
    }

    @Override
    public List<Map<String, Object>> stageResults(String stageName) {
        return results(stageName).stream().map(this::toMap).toList();
    }

    @Override
    public <T> List<T> stageResults(String stageName, Class<T> type) {
        return results(stageName).stream()
                .map(r -> StageData.read(r, type, "the results of stage '" + stageName + "'")).toList();
    }

    private List<com.fasterxml.jackson.databind.JsonNode> results(String stageName) {
        int number = definition.stageNamed(stageName)
                .filter(s -> s.number() < task.stage())
                .orElseThrow(() -> new IllegalArgumentException("'" + stageName + "' is not an earlier stage of "
                        + task.jobType()))
                .number();
        return tasks.completedResults(task.jobId(), number);
    }

    @Override public int checkpointPhase() { return checkpointPhase; }
    @Override public Map<String, Object> checkpointData() { return Map.copyOf(checkpointData); }

    @Override
    public void checkpoint(int phase, Map<String, Object> data) {
        if (phase <= checkpointPhase) {
            throw new IllegalArgumentException("checkpoint phase must grow: " + phase + " after " + checkpointPhase);
        }
        Map<String, Object> merged = new LinkedHashMap<>(checkpointData);
        merged.putAll(data);
        progress.saveCheckpoint(task.taskId(), phase, merged);
        checkpointPhase = phase;
        checkpointData.clear();
        checkpointData.putAll(merged);
    }

    @Override public boolean shouldStop() { return stopping.getAsBoolean(); }

    @Override
    public void progress(int percent, String message, Long itemsDone, Long itemsTotal) {
        int pct = Math.max(0, Math.min(100, percent));
        // a chunk load may report every few thousand features: one row update a second is enough
        // for a dashboard that polls every few seconds (elapsed time, so the monotonic clock)
        long nowNanos = System.nanoTime();
        if (pct < 100 && lastProgressNanos != 0 && nowNanos - lastProgressNanos < PROGRESS_EVERY_NANOS) {
            return;
        }
        lastProgressNanos = nowNanos;
        progress.saveProgress(task.taskId(), pct, message, itemsDone, itemsTotal);
    }

    private Map<String, Object> toMap(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        return mapper.convertValue(node, MAP);
    }
}
