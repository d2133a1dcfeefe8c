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
import org.geoetl.engine.route.MessageCodec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The orchestrator and dispatch routes as written in routes/engine.yaml, with the sends to the task queues
 * replaced by mocks: a submitted job's stage-1 tasks leave as one message each, on the queue of
 * their task type's class.
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

    @Test
    void plansStageOneAndSendsOneMessagePerTaskToItsQueue() throws Exception {
        AdviceWith.adviceWith(camel, "engine-dispatch", a -> {
            a.weaveById("engine-send-light-task").replace().to("mock:light");
            a.weaveById("engine-send-heavy-task").replace().to("mock:heavy");
        });
        camel.start();

        var params = mapper.readTree("{\"n\": 7, \"message\": \"route " + java.util.UUID.randomUUID() + "\"}");
        SubmitResult result = submission.submit("hello_world", params);
        light.expectedMessageCount(7);
        heavy.expectedMessageCount(0);
        producer.sendBody("{{geoetl.transport.jobs-out}}", codec.write(JobMessage.submit(result.job().jobId())));
        MockEndpoint.assertIsSatisfied(camel);

        List<String> sent = light.getExchanges().stream()
                .map(e -> codec.read(e.getIn().getBody(String.class), org.geoetl.engine.message.TaskMessage.class).taskId())
                .sorted().toList();
        List<String> planned = jdbc.queryForList(
                "SELECT task_id FROM app.tasks WHERE parent_job_id = ? AND stage = 1 AND status = 'queued' ORDER BY task_id",
                String.class, result.job().jobId());
        assertThat(sent).hasSize(7).isEqualTo(planned);
        assertThat(light.getExchanges().get(0).getIn().getHeader("geoetlTarget")).isEqualTo("light");
    }
}
