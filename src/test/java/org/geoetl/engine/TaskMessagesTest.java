package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.TaskMessage;
import org.junit.jupiter.api.Test;

class TaskMessagesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void smallStagesGetAboutOneMessagePerConsumerAndLargeOnesAreCappedPerMessage() {
        assertThat(TaskMessages.batchSize(7, 50, 8)).isEqualTo(1);
        assertThat(TaskMessages.batchSize(16, 50, 8)).isEqualTo(2);
        assertThat(TaskMessages.batchSize(100, 50, 8)).isEqualTo(12);
        assertThat(TaskMessages.batchSize(10_000, 50, 8)).isEqualTo(50);
        assertThat(TaskMessages.batchSize(0, 50, 8)).isEqualTo(1);
    }

    @Test
    void heavyTasksStayOnePerMessageByDefault() {
        assertThat(TaskMessages.batchSize(10_000, 1, 1)).isEqualTo(1);
    }

    @Test
    void aBatchMessageCarriesIdsOnlyAndReadsBack() throws Exception {
        TaskMessage batch = new TaskMessage(List.of("a", "b", "c"), "job", 2, "benchmark_task", "light");
        String text = json.writeValueAsString(batch);
        assertThat(text).contains("\"taskIds\":[\"a\",\"b\",\"c\"]").doesNotContain("batch\"");
        assertThat(json.readValue(text, TaskMessage.class)).isEqualTo(batch);
        assertThat(batch.only("b")).isEqualTo(new TaskMessage("b", "job", 2, "benchmark_task", "light"));
    }

    @Test
    void aMessageInTheEarlierOneTaskShapeIsStillRead() throws Exception {
        TaskMessage old = json.readValue("""
                {"taskId": "t1", "jobId": "j", "stage": 1, "taskType": "hello_world_greeting", "queueClass": "light"}""",
                TaskMessage.class);
        assertThat(old.taskIds()).containsExactly("t1");
    }

    @Test
    void aMessageWithoutTasksIsRefused() {
        assertThatThrownBy(() -> new TaskMessage(List.of(), "j", 1, "t", "light"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void planningStepsCarryTheirStageAndFirstIndex() throws Exception {
        JobMessage step = JobMessage.planTasks("job", 3, 2200);
        assertThat(json.readValue(json.writeValueAsString(step), JobMessage.class)).isEqualTo(step);
        assertThat(step.type()).isEqualTo(JobMessage.PLAN_TASKS);
    }
}
