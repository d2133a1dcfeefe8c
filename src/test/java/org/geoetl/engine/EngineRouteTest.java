package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.TaskMessage;
import org.geoetl.engine.route.MessageCodec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The orchestrator and dispatch routes as written in routes/engine.yaml, with the sends to the task queues
 * replaced by mocks: a submitted job's stage-1 tasks leave on the queue of their task type's class —
 * one message each for a small stage, in batches (planned in chunks) for a large one.
 */
@CamelSpringBootTest
@SpringBootTest
@UseAdviceWith
@ActiveProfiles("test")
class EngineRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JobSubmission submission;
    @Autowired
    MessageCodec codec;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    @EndpointInject("mock:light")
    MockEndpoint light;
    @EndpointInject("mock:heavy")
    MockEndpoint heavy;

    /** The test methods share one context: the sends are replaced once, before it starts. */
    private void adviseOnce() throws Exception {
        if (!camel.getStatus().isStarted()) {
            AdviceWith.adviceWith(camel, "engine-dispatch", a -> {
                a.weaveById("engine-send-light-task").replace().to("mock:light");
                a.weaveById("engine-send-heavy-task").replace().to("mock:heavy");
            });
            camel.start();
        }
        light.reset();
        heavy.reset();
    }

    private List<TaskMessage> messagesOf(MockEndpoint endpoint, String jobId) {
        return endpoint.getExchanges().stream()
                .map(e -> codec.read(e.getIn().getBody(String.class), TaskMessage.class))
                .filter(m -> m.jobId().equals(jobId)).toList();
    }

    @Test
    void plansStageOneAndSendsOneMessagePerTaskToItsQueue() throws Exception {
        adviseOnce();

        var params = mapper.readTree("{\"n\": 7, \"message\": \"route " + java.util.UUID.randomUUID() + "\"}");
        SubmitResult result = submission.submit("hello_world", params, "tests", java.util.List.of("admin"));
        producer.sendBody("{{geoetl.transport.jobs-out}}", codec.write(JobMessage.submit(result.job().jobId())));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> messagesOf(light, result.job().jobId()).size() >= 7);

        List<TaskMessage> messages = messagesOf(light, result.job().jobId());
        assertThat(messages).hasSize(7).allSatisfy(m -> assertThat(m.taskIds()).hasSize(1));
        assertThat(messagesOf(heavy, result.job().jobId())).isEmpty();
        List<String> sent = messages.stream().flatMap(m -> m.taskIds().stream()).sorted().toList();
        List<String> planned = jdbc.queryForList(
                "SELECT task_id FROM app.tasks WHERE parent_job_id = ? AND stage = 1 AND status = 'queued' ORDER BY task_id",
                String.class, result.job().jobId());
        assertThat(sent).hasSize(7).isEqualTo(planned);
        assertThat(light.getExchanges().get(0).getIn().getHeader("geoetlTarget")).isEqualTo("light");
    }

    /**
     * The crash window of planning: the tasks committed, their messages lost with the embedded
     * broker, and the submit redelivered after the restart without its redelivered flag (Artemis
     * does not persist delivery counts by default). The second submit re-sends the queued tasks.
     */
    @Test
    void aSubmitForAPlannedJobResendsItsQueuedTasksWhateverTheRedeliveredFlag() throws Exception {
        adviseOnce();
        var params = mapper.readTree("{\"n\": 5, \"message\": \"resend " + java.util.UUID.randomUUID() + "\"}");
        SubmitResult result = submission.submit("hello_world", params, "tests", java.util.List.of("admin"));
        String jobId = result.job().jobId();
        producer.sendBody("{{geoetl.transport.jobs-out}}", codec.write(JobMessage.submit(jobId)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> messagesOf(light, jobId).size() >= 5);
        light.reset();

        producer.sendBody("{{geoetl.transport.jobs-out}}", codec.write(JobMessage.submit(jobId)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> messagesOf(light, jobId).size() >= 5);
        List<String> resent = messagesOf(light, jobId).stream().flatMap(m -> m.taskIds().stream()).sorted().toList();
        assertThat(resent).isEqualTo(jdbc.queryForList("SELECT task_id FROM app.tasks WHERE parent_job_id = ? AND stage = 1"
                + " AND status = 'queued' ORDER BY task_id", String.class, jobId));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", Integer.class, jobId))
                .as("nothing planned twice").isEqualTo(5);
    }

    @Test
    void aLargeStageIsPlannedInChunksAndDispatchedInBatchesEachTaskOnce() throws Exception {
        adviseOnce();
        int tasks = 4500;
        var params = mapper.readTree("{\"tasks\": " + tasks + ", \"label\": \"route " + java.util.UUID.randomUUID() + "\"}");
        SubmitResult result = submission.submit("benchmark_fanout", params, "tests", java.util.List.of("admin"));
        producer.sendBody("{{geoetl.transport.jobs-out}}", codec.write(JobMessage.submit(result.job().jobId())));

        java.util.function.Supplier<List<TaskMessage>> sent = () -> messagesOf(light, result.job().jobId());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> sent.get().stream().mapToInt(m -> m.taskIds().size()).sum() >= tasks);
        List<TaskMessage> messages = sent.get();
        List<String> ids = messages.stream().flatMap(m -> m.taskIds().stream()).toList();
        assertThat(ids).hasSize(tasks).doesNotHaveDuplicates();
        assertThat(ids).containsExactlyInAnyOrderElementsOf(jdbc.queryForList(
                "SELECT task_id FROM app.tasks WHERE parent_job_id = ? AND stage = 1", String.class, result.job().jobId()));
        assertThat(messages).allSatisfy(m -> assertThat(m.taskIds().size()).isBetween(1, 50));
        assertThat(messages.size()).as("batched, not one message per task").isLessThan(tasks / 5);
        assertThat(jdbc.queryForObject("SELECT total_tasks FROM app.job_stages WHERE job_id = ? AND stage = 1",
                Integer.class, result.job().jobId())).isEqualTo(tasks);
    }
}
