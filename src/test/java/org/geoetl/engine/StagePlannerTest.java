package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.geoetl.engine.definition.JobDefinition;
import org.geoetl.engine.definition.JobDefinitionLoader;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.geoetl.engine.params.ParameterValidator;
import org.geoetl.support.TestHandlers;
import org.junit.jupiter.api.Test;

/** Fan-out planning from parameters: deterministic unit keys, positions and task parameters. */
class StagePlannerTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StagePlanner planner = new StagePlanner(null, 1000);

    private final JobDefinition job = JobDefinitionLoader.parse(read("""
            job_type: plan_demo
            parameters:
              properties:
                n: {type: integer}
                files: {type: array, items: {type: string}}
                size: {type: integer}
            stages:
              - {name: fixed, task_type: t, fan_out: fixed(params.n)}
              - {name: each, task_type: t, fan_out: each(params.files)}
              - {name: batch, task_type: t, fan_out: "batch(params.files, params.size)"}
              - {name: once, task_type: t, fan_out: single, run_if: params.n > 2}
            """), new TaskHandlerRegistry(List.of(TestHandlers.noop("t"))), new ParameterValidator());

    private static JsonNode read(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<StagePlanner.PlannedTask> plan(int stage, String params) throws Exception {
        return planner.plan("job", JSON.readTree(params), job, job.stage(stage));
    }

    @Test
    void fixedPlansNTasksWithIndexAndCount() throws Exception {
        List<StagePlanner.PlannedTask> tasks = plan(1, "{\"n\": 3}");
        assertThat(tasks).extracting(StagePlanner.PlannedTask::unitKey).containsExactly("0", "1", "2");
        assertThat(tasks.get(2).parameters()).containsEntry("index", 2).containsEntry("count", 3);
        assertThat(plan(1, "{\"n\": 0}")).isEmpty();
    }

    @Test
    void eachAndBatchFollowTheListInOrder() throws Exception {
        String params = "{\"files\": [\"a\", \"b\", \"c\", \"d\", \"e\"], \"size\": 2}";
        List<StagePlanner.PlannedTask> each = plan(2, params);
        assertThat(each).hasSize(5);
        assertThat(each.get(4).parameters().get("item").toString()).isEqualTo("\"e\"");
        List<StagePlanner.PlannedTask> batches = plan(3, params);
        assertThat(batches).extracting(StagePlanner.PlannedTask::unitKey).containsExactly("batch-0", "batch-1", "batch-2");
        assertThat(batches.get(2).parameters()).containsEntry("offset", 4);
        assertThat(batches.get(2).parameters().get("items").toString()).isEqualTo("[\"e\"]");
    }

    @Test
    void planningTheSameParametersAgainGivesTheSameTasks() throws Exception {
        String params = "{\"files\": [\"a\", \"b\", \"c\"], \"size\": 2}";
        assertThat(plan(3, params)).isEqualTo(plan(3, params));
    }

    @Test
    void aFalseConditionPlansNothingAndBadInputFailsThePlan() throws Exception {
        assertThat(plan(4, "{\"n\": 2}")).isEmpty();
        assertThat(plan(4, "{\"n\": 3}")).hasSize(1);
        assertThatThrownBy(() -> plan(1, "{\"n\": 1001}")).isInstanceOf(PlanningException.class)
                .hasMessageContaining("limit is 1000");
        assertThatThrownBy(() -> plan(2, "{\"files\": \"a\"}")).isInstanceOf(PlanningException.class)
                .hasMessageContaining("must be a list");
        assertThatThrownBy(() -> plan(3, "{\"files\": [\"a\"], \"size\": 0}")).isInstanceOf(PlanningException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void countingAStageAgreesWithPlanningItWithoutBuildingTasks() throws Exception {
        for (String params : List.of("{\"n\": 3, \"files\": [\"a\", \"b\", \"c\", \"d\", \"e\"], \"size\": 2}",
                "{\"n\": 0, \"files\": [], \"size\": 4}")) {
            for (int stage = 1; stage <= 4; stage++) {
                assertThat(StagePlanner.count(job.stage(stage), JSON.readTree(params)))
                        .as("stage " + stage + " for " + params).isEqualTo((long) plan(stage, params).size());
            }
        }
        assertThatThrownBy(() -> StagePlanner.count(job.stage(3), JSON.readTree("{\"files\": [\"a\"], \"size\": 0}")))
                .isInstanceOf(PlanningException.class).hasMessageContaining("batch size must be at least 1");
    }
}
