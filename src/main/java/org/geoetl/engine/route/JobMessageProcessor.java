package org.geoetl.engine.route;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.geoetl.engine.Orchestrator;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.telemetry.Meters;
import org.geoetl.telemetry.Tracing;
import org.springframework.stereotype.Component;

/** Jobs-queue consumer step: the {@link Orchestrator} plans; the body becomes the messages to send (tasks, the next planning step). */
@Component("jobMessageProcessor")
public class JobMessageProcessor implements Processor {

    private final Orchestrator orchestrator;
    private final MessageCodec codec;
    private final OutgoingMessages outgoing;
    private final Tracing tracing;
    private final Meters meters;
    private final java.time.Clock clock;

    public JobMessageProcessor(Orchestrator orchestrator, MessageCodec codec, OutgoingMessages outgoing,
                               Tracing tracing, Meters meters, java.time.Clock clock) {
        this.orchestrator = orchestrator;
        this.codec = codec;
        this.outgoing = outgoing;
        this.tracing = tracing;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        JobMessage message = codec.read(exchange.getIn().getBody(String.class), JobMessage.class);
        boolean barrier = JobMessage.STAGE_COMPLETE.equals(message.type());
        Long sentAt = exchange.getIn().getHeader(OutgoingMessages.SENT_AT, Long.class);
        String parent = exchange.getIn().getHeader(Tracing.HEADER, String.class);
        try (Tracing.Scope span = tracing.start(barrier ? "stage barrier" : "orchestrate " + message.type(), parent,
                java.util.Map.of("job_id", message.jobId()))) {
            span.tag("stage", message.stage() == null ? null : message.stage().toString());
            List<Outgoing> next = orchestrator.handle(message, Redelivery.isRedelivered(exchange.getIn()));
            exchange.getIn().removeHeaders("*");
            exchange.getIn().setBody(outgoing.toMessages(exchange.getContext(), next));
        }
        if (barrier && sentAt != null && sentAt > 0) {
            // from the commit that completed the stage (its stage_complete was sent in that transaction)
            meters.stageBarrier(java.time.Duration.ofMillis(clock.millis() - sentAt));
        }
    }
}
