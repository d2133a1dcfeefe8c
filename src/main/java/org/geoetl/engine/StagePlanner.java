package org.geoetl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.definition.FanOut;
import org.geoetl.engine.definition.JobDefinition;
import org.geoetl.engine.definition.StageDefinition;
import org.geoetl.engine.store.TaskRepository;
import org.springframework.stereotype.Component;

/**
 * Turns a stage's fan-out rule into its task list. Lists come from the job's parameters or from
 * the completed results of <em>any</em> earlier stage, read from the database by stage name.
 * Unit keys are positional, and stage results are read in task order, so planning is deterministic
 * and re-planning yields the same task ids.
 */
@Component
public class StagePlanner {

    /** One task to create: its unit key (for the task id), position, and parameters. */
    public record PlannedTask(String unitKey, int index, Map<String, Object> parameters) {
    }

    private final TaskRepository tasks;
    private final int maxTasks;

    @org.springframework.beans.factory.annotation.Autowired
    public StagePlanner(TaskRepository tasks, GeoEtlProperties properties) {
        this(tasks, properties.engine().maxTasksPerStage());
    }

    /** @param tasks where earlier stages' results are read; only fan-outs over a stage use it */
    StagePlanner(TaskRepository tasks, int maxTasks) {
        this.tasks = tasks;
        this.maxTasks = maxTasks;
    }

    public List<PlannedTask> plan(String jobId, JsonNode params, JobDefinition job, StageDefinition stage) {
        FanOut rule = stage.fanOut();
        List<PlannedTask> planned = new ArrayList<>();
        if (!stage.runsFor(params)) {
            return planned;
        }
        if (rule instanceof FanOut.Single) {
            planned.add(new PlannedTask("single", 0, Map.of()));
        } else if (rule instanceof FanOut.Fixed f) {
            int n = amount(f.count(), params, stage);
            checkSize(n, stage);
            for (int i = 0; i < n; i++) {
                planned.add(new PlannedTask(Integer.toString(i), i, Map.of("index", i, "count", n)));
            }
        } else if (rule instanceof FanOut.Each e) {
            List<JsonNode> items = list(e.source(), jobId, params, job, stage);
            checkSize(items.size(), stage);
            for (int i = 0; i < items.size(); i++) {
                planned.add(new PlannedTask(Integer.toString(i), i, ordered("index", i, "item", items.get(i))));
            }
        } else if (rule instanceof FanOut.Batch b) {
            List<JsonNode> items = list(b.source(), jobId, params, job, stage);
            int size = batchSize(b, params, stage);
            int batches = (items.size() + size - 1) / size;
            checkSize(batches, stage);
            for (int i = 0; i < batches; i++) {
                int from = i * size;
                List<JsonNode> slice = items.subList(from, Math.min(items.size(), from + size));
                Map<String, Object> p = ordered("index", i, "offset", from);
                p.put("items", slice);
                planned.add(new PlannedTask("batch-" + i, i, p));
            }
        } else if (rule instanceof FanOut.FanIn f) {
            int source = job.stageNamed(f.stage()).orElseThrow().number();
            int count = tasks.completedResults(jobId, source).size();
            planned.add(new PlannedTask("fan_in", 0, ordered("source_stage", f.stage(), "expected_count", count)));
        }
        return planned;
    }

    private List<JsonNode> list(FanOut.ListSource source, String jobId, JsonNode params, JobDefinition job,
                                StageDefinition stage) {
        List<JsonNode> items = new ArrayList<>();
        if (source.param() != null) {
            paramList(source.param(), params, stage).forEach(items::add);
            return items;
        }
        int sourceStage = job.stageNamed(source.stage()).orElseThrow().number();
        List<JsonNode> results = tasks.completedResults(jobId, sourceStage);
        if (source.field() == null) {
            return results;
        }
        for (int i = 0; i < results.size(); i++) {
            JsonNode field = results.get(i).get(source.field());
            if (field == null || !field.isArray()) {
                throw new PlanningException("stage '" + stage.name() + "': result " + i + " of stage '"
                        + source.stage() + "' has no list field '" + source.field() + "'");
            }
            field.forEach(items::add);
        }
        return items;
    }

    /**
     * How many tasks this stage plans for these parameters, by the same rules as {@link #plan} but
     * without building them (the pipeline API's plan preview); null when the stage fans out over an
     * earlier stage's results, known only once that stage has run.
     *
     * @throws PlanningException when the parameters do not fit the rule, as planning would
     */
    public static Long count(StageDefinition stage, JsonNode params) {
        FanOut rule = stage.fanOut();
        if (!stage.runsFor(params)) {
            return 0L;
        }
        if (rule instanceof FanOut.Single || rule instanceof FanOut.FanIn) {
            return 1L;
        }
        if (rule instanceof FanOut.Fixed f) {
            return (long) amount(f.count(), params, stage);
        }
        FanOut.ListSource source = rule instanceof FanOut.Each e ? e.source() : ((FanOut.Batch) rule).source();
        if (source.param() == null) {
            return null;
        }
        long items = paramList(source.param(), params, stage).size();
        if (rule instanceof FanOut.Batch b) {
            long size = batchSize(b, params, stage);
            return (items + size - 1) / size;
        }
        return items;
    }

    private static JsonNode paramList(String param, JsonNode params, StageDefinition stage) {
        JsonNode value = params.get(param);
        if (value == null || !value.isArray()) {
            throw new PlanningException("stage '" + stage.name() + "': parameter '" + param + "' must be a list");
        }
        return value;
    }

    private static int batchSize(FanOut.Batch b, JsonNode params, StageDefinition stage) {
        int size = amount(b.size(), params, stage);
        if (size < 1) {
            throw new PlanningException("stage '" + stage.name() + "': batch size must be at least 1, got " + size);
        }
        return size;
    }

    private static int amount(FanOut.Amount amount, JsonNode params, StageDefinition stage) {
        if (amount.literal() != null) {
            return amount.literal();
        }
        JsonNode value = params.get(amount.param());
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
            throw new PlanningException("stage '" + stage.name() + "': parameter '" + amount.param()
                    + "' must be a non-negative integer");
        }
        return value.intValue();
    }

    private void checkSize(int n, StageDefinition stage) {
        if (n > maxTasks) {
            throw new PlanningException("stage '" + stage.name() + "' would plan " + n + " tasks; the limit is "
                    + maxTasks + " (geoetl.engine.max-tasks-per-stage)");
        }
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
