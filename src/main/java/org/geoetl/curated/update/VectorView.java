package org.geoetl.curated.update;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.StageData;
import org.geoetl.engine.handler.TaskContext;

/**
 * A curated task seen as a process_vector task, so the curated job runs process_vector's own
 * handlers (reading, repairs, accounting, COPY, atomic swap, metadata) instead of a copy of them:
 * the job parameters are the process_vector parameters the check stage derived, and the stages
 * process_vector reads by name map onto the curated stages that play their part.
 */
final class VectorView implements TaskContext {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** process_vector's stage names → the curated stages that produce the same results. */
    private static final Map<String, String> STAGES = Map.of("prepare", "fetch", "load", "etl");

    private final TaskContext inner;
    private final JsonNode vectorParameters;
    private final ObjectMapper mapper;

    VectorView(TaskContext inner, JsonNode vectorParameters, ObjectMapper mapper) {
        this.inner = inner;
        this.vectorParameters = vectorParameters;
        this.mapper = mapper;
    }

    @Override public String taskId() { return inner.taskId(); }
    @Override public String idempotencyKey() { return inner.idempotencyKey(); }
    @Override public String jobId() { return inner.jobId(); }
    @Override public String jobType() { return inner.jobType(); }
    @Override public int stage() { return inner.stage(); }
    @Override public String stageName() { return inner.stageName(); }
    @Override public int attempt() { return inner.attempt(); }
    @Override public Map<String, Object> taskParameters() { return inner.taskParameters(); }
    @Override public <T> T taskParams(Class<T> type) { return inner.taskParams(type); }
    @Override public int checkpointPhase() { return inner.checkpointPhase(); }
    @Override public Map<String, Object> checkpointData() { return inner.checkpointData(); }
    @Override public void checkpoint(int phase, Map<String, Object> data) { inner.checkpoint(phase, data); }
    @Override public boolean shouldStop() { return inner.shouldStop(); }
    @Override public void progress(int percent, String message, Long done, Long total) { inner.progress(percent, message, done, total); }

    @Override
    public Map<String, Object> jobParameters() {
        return mapper.convertValue(vectorParameters, MAP);
    }

    @Override
    public <T> T params(Class<T> type) {
        return StageData.read(vectorParameters, type, "the process_vector parameters of " + inner.jobType());
    }

    @Override
    public List<Map<String, Object>> stageResults(String stageName) {
        return inner.stageResults(STAGES.getOrDefault(stageName, stageName));
    }

    @Override
    public <T> List<T> stageResults(String stageName, Class<T> type) {
        return inner.stageResults(STAGES.getOrDefault(stageName, stageName), type);
    }
}
