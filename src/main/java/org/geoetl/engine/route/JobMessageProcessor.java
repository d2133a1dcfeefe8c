package org.geoetl.engine.route;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.geoetl.engine.Orchestrator;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.Outgoing;
import org.springframework.stereotype.Component;

/** Jobs-queue consumer step: the {@link Orchestrator} plans; the body becomes the messages to send (tasks, the next planning step). */
@Component("jobMessageProcessor")
public class JobMessageProcessor implements Processor {

    private final Orchestrator orchestrator;
    private final MessageCodec codec;
    private final OutgoingMessages outgoing;

    public JobMessageProcessor(Orchestrator orchestrator, MessageCodec codec, OutgoingMessages outgoing) {
        this.orchestrator = orchestrator;
        this.codec = codec;
        this.outgoing = outgoing;
    }

    @Override
    public void process(Exchange exchange) {
        JobMessage message = codec.read(exchange.getIn().getBody(String.class), JobMessage.class);
        List<Outgoing> next = orchestrator.handle(message, Redelivery.isRedelivered(exchange.getIn()));
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(outgoing.toMessages(exchange.getContext(), next));
    }
}
