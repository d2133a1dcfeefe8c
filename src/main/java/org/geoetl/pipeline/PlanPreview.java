package org.geoetl.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.PlanningException;
import org.geoetl.engine.StagePlanner;
import org.geoetl.engine.TaskMessages;
import org.geoetl.engine.definition.FanOutReferences;
import org.geoetl.engine.definition.JobDefinition;
import org.geoetl.engine.definition.StageDefinition;
import org.springframework.stereotype.Component;

/**
 * How many tasks each stage of a definition would plan for these (validated) parameters, and on
 * which queue, without writing anything: {@link StagePlanner#count}, the planner's own rules
 * without building the tasks. A fan-out over an earlier stage's results cannot be known before that stage
 * has run, and says so.
 */
@Component
public class PlanPreview {

    private final TaskMessages messages;
    private final int maxTasks;

    public PlanPreview(TaskMessages messages, GeoEtlProperties properties) {
        this.messages = messages;
        this.maxTasks = properties.engine().maxTasksPerStage();
    }

    public Map<String, Object> preview(JobDefinition job, JsonNode params) {
        List<Map<String, Object>> stages = new ArrayList<>();
        long total = 0;
        boolean exact = true;
        for (StageDefinition stage : job.stages()) {
            Map<String, Object> s = stage(stage, params);
            Long tasks = (Long) s.get("tasks");
            exact &= tasks != null;
            total += tasks == null ? 0 : tasks;
            stages.add(s);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stages", stages);
        out.put("total_tasks", total);
        out.put("total_exact", exact);
        out.put("max_tasks_per_stage", maxTasks);
        return out;
    }

    private Map<String, Object> stage(StageDefinition stage, JsonNode params) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("number", stage.number());
        s.put("name", stage.name());
        s.put("task_type", stage.taskType());
        s.put("fan_out", stage.fanOut().text());
        s.put("queue", messages.queueFor(stage.taskType()));
        boolean skipped = !stage.runsFor(params);
        Long tasks = null;
        String note = null;
        try {
            tasks = StagePlanner.count(stage, params);
        } catch (PlanningException e) {
            note = e.getMessage() + ": the job would fail here";
        }
        if (note == null && skipped) {
            note = "run_if " + stage.runIf().text() + " is false for these parameters";
        } else if (note == null && tasks == null) {
            note = "depends on the results of stage '" + FanOutReferences.stages(stage.fanOut()).get(0) + "'";
        } else if (note == null && tasks > maxTasks) {
            note = "exceeds the limit of " + maxTasks + " tasks per stage: the job would fail here";
        }
        s.put("tasks", tasks);
        s.put("skipped", skipped);
        if (note != null) {
            s.put("note", note);
        }
        return s;
    }
}
