package org.geoetl.engine.route;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultMessage;
import org.geoetl.engine.Orchestrator;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.TaskMessage;
import org.springframework.stereotype.Component;

/**
 * Jobs-queue consumer step: hands the message to the {@link Orchestrator} and replaces the body with
 * the task messages to send, one Camel message each, with header {@value #QUEUE_CLASS} for routing.
 */
@Component("jobMessageProcessor")
public class JobMessageProcessor implements Processor {

    public static final String QUEUE_CLASS = "geoetlQueueClass";

    private final Orchestrator orchestrator;
    private final MessageCodec codec;

    public JobMessageProcessor(Orchestrator orchestrator, MessageCodec codec) {
        this.orchestrator = orchestrator;
        this.codec = codec;
    }

    @Override
    public void process(Exchange exchange) {
        JobMessage message = codec.read(exchange.getIn().getBody(String.class), JobMessage.class);
        List<TaskMessage> toSend = orchestrator.handle(message, Redelivery.isRedelivered(exchange));
        List<Message> out = toSend.stream().map(t -> {
            Message m = new DefaultMessage(exchange.getContext());
            m.setBody(codec.write(t));
            m.setHeader(QUEUE_CLASS, t.queueClass());
            return m;
        }).toList();
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(out);
    }
}
