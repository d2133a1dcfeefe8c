package org.geoetl.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.TaskMessages;
import org.geoetl.engine.definition.FanOut;
import org.geoetl.engine.definition.JobDefinition;
import org.geoetl.engine.definition.StageDefinition;
import org.springframework.stereotype.Component;

/**
 * How many tasks each stage of a definition would plan for these (validated) parameters, and on
 * which queue, without writing anything: the counting half of StagePlanner's rules, without
 * building the tasks. A fan-out over an earlier stage's results cannot be known before that stage
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
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("number", stage.number());
            s.put("name", stage.name());
            s.put("task_type", stage.taskType());
            s.put("fan_out", stage.fanOut().text());
            s.put("queue", messages.queueFor(stage.taskType()));
            boolean skipped = !stage.runsFor(params);
            Long tasks = skipped ? Long.valueOf(0) : count(stage.fanOut(), params);
            s.put("tasks", tasks);
            s.put("skipped", skipped);
            if (skipped) {
                s.put("note", "run_if " + stage.runIf().text() + " is false for these parameters");
            } else if (tasks == null) {
                exact = false;
                s.put("note", "depends on the results of stage '" + source(stage.fanOut()) + "'");
            } else if (tasks > maxTasks) {
                s.put("note", "exceeds the limit of " + maxTasks + " tasks per stage: the job would fail here");
            }
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

    /** The number of tasks, or null when it depends on an earlier stage's results. */
    private static Long count(FanOut rule, JsonNode params) {
        if (rule instanceof FanOut.Single || rule instanceof FanOut.FanIn) {
            return 1L;
        }
        if (rule instanceof FanOut.Fixed f) {
            return amount(f.count(), params);
        }
        if (rule instanceof FanOut.Each e) {
            return e.source().param() == null ? null : (long) params.path(e.source().param()).size();
        }
        FanOut.Batch b = (FanOut.Batch) rule;
        if (b.source().param() == null) {
            return null;
        }
        long size = Math.max(1, amount(b.size(), params));
        return (params.path(b.source().param()).size() + size - 1) / size;
    }

    private static long amount(FanOut.Amount amount, JsonNode params) {
        return amount.literal() != null ? amount.literal() : Math.max(0, params.path(amount.param()).asLong(0));
    }

    private static String source(FanOut rule) {
        return rule instanceof FanOut.Each e ? e.source().stage() : ((FanOut.Batch) rule).source().stage();
    }
}
