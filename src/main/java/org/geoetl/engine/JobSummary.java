package org.geoetl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.store.JobRecord;
import org.geoetl.engine.store.JsonColumns;
import org.geoetl.engine.store.StageRepository;
import org.geoetl.engine.store.TaskRepository;
import org.springframework.stereotype.Component;

/**
 * The result document of a finished job: per-stage task counts, total duration, and the results of
 * the last stage (all of them up to {@code geoetl.engine.result-sample-size}, with the true count).
 */
@Component
public class JobSummary {

    private final StageRepository stages;
    private final TaskRepository tasks;
    private final JsonColumns json;
    private final int sampleSize;

    private final java.time.Clock clock;

    public JobSummary(StageRepository stages, TaskRepository tasks, JsonColumns json, GeoEtlProperties properties,
                      java.time.Clock clock) {
        this.clock = clock;
        this.stages = stages;
        this.tasks = tasks;
        this.json = json;
        this.sampleSize = properties.engine().resultSampleSize();
    }

    public ObjectNode build(JobRecord job) {
        ObjectNode summary = json.mapper().createObjectNode();
        summary.put("job_type", job.jobType());
        ArrayNode stageList = summary.putArray("stages");
        long total = 0;
        for (StageRepository.StageRow s : stages.list(job.jobId())) {
            stageList.addObject().put("stage", s.stage()).put("name", s.stageName()).put("task_type", s.taskType())
                    .put("fan_out", s.fanOut()).put("tasks", s.totalTasks());
            total += s.totalTasks();
        }
        summary.put("total_tasks", total);
        if (job.startedAt() != null) {
            summary.put("duration_ms", Duration.between(job.startedAt(), OffsetDateTime.now(clock)).toMillis());
        }
        List<JsonNode> last = tasks.completedResults(job.jobId(), job.totalStages());
        summary.put("result_count", last.size());
        ArrayNode results = summary.putArray("results");
        last.stream().limit(sampleSize).forEach(results::add);
        summary.put("results_truncated", last.size() > sampleSize);
        return summary;
    }
}
