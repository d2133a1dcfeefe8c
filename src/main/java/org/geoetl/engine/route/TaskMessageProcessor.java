package org.geoetl.engine.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.geoetl.engine.TaskRunner;
import org.geoetl.engine.message.TaskMessage;
import org.geoetl.telemetry.Tracing;
import org.springframework.stereotype.Component;

/** Task-queue consumer step: runs the task; the body becomes what must be sent next (signal, retry, dead letter). */
@Component("taskMessageProcessor")
public class TaskMessageProcessor implements Processor {

    private final TaskRunner runner;
    private final MessageCodec codec;
    private final OutgoingMessages outgoing;
    private final Tracing tracing;

    public TaskMessageProcessor(TaskRunner runner, MessageCodec codec, OutgoingMessages outgoing, Tracing tracing) {
        this.runner = runner;
        this.codec = codec;
        this.outgoing = outgoing;
        this.tracing = tracing;
    }

    @Override
    public void process(Exchange exchange) {
        TaskMessage message = codec.read(exchange.getIn().getBody(String.class), TaskMessage.class);
        String parent = exchange.getIn().getHeader(Tracing.HEADER, String.class);
        exchange.getIn().removeHeaders("*");
        // one span per message (a light batch carries up to 50 tasks), one per task inside it
        try (Tracing.Scope span = tracing.start("tasks " + message.taskType(), parent,
                java.util.Map.of("job_id", message.jobId()))) {
            span.tag("tasks", Integer.toString(message.taskIds().size()));
            exchange.getIn().setBody(outgoing.toMessages(exchange.getContext(), runner.run(message)));
        }
    }
}
