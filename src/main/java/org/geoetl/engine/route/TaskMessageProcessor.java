package org.geoetl.engine.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.geoetl.engine.TaskRunner;
import org.geoetl.engine.message.TaskMessage;
import org.springframework.stereotype.Component;

/** Task-queue consumer step: runs the task; the body becomes what must be sent next (signal, retry, dead letter). */
@Component("taskMessageProcessor")
public class TaskMessageProcessor implements Processor {

    private final TaskRunner runner;
    private final MessageCodec codec;
    private final OutgoingMessages outgoing;

    public TaskMessageProcessor(TaskRunner runner, MessageCodec codec, OutgoingMessages outgoing) {
        this.runner = runner;
        this.codec = codec;
        this.outgoing = outgoing;
    }

    @Override
    public void process(Exchange exchange) {
        TaskMessage message = codec.read(exchange.getIn().getBody(String.class), TaskMessage.class);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(outgoing.toMessages(exchange.getContext(), runner.run(message)));
    }
}
