package org.geoetl.engine.route;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.geoetl.engine.message.Outgoing;
import org.springframework.stereotype.Component;

/**
 * Turns the engine's {@link Outgoing} messages into what the engine-dispatch route splits: one
 * Camel message each, with header {@value #TARGET} for routing and, for a delayed
 * retry, the scheduled-delivery headers of both transports (Artemis reads {@code _AMQ_SCHED_DELIVERY},
 * Service Bus {@code CamelAzureServiceBusScheduledEnqueueTime}; each ignores the other's).
 */
@Component
public class OutgoingMessages {

    public static final String TARGET = "geoetlTarget";
    public static final String REASON = "geoetlDeadLetterReason";
    /** When the message was produced (epoch ms): the stage-barrier latency is measured from it. */
    public static final String SENT_AT = "geoetlSentAt";

    private final MessageCodec codec;
    private final java.time.Clock clock;
    private final org.geoetl.telemetry.Tracing tracing;

    public OutgoingMessages(MessageCodec codec, java.time.Clock clock, org.geoetl.telemetry.Tracing tracing) {
        this.codec = codec;
        this.clock = clock;
        this.tracing = tracing;
    }

    /** The messages carry the current span's trace context (header traceparent), when there is one. */
    public List<Message> toMessages(CamelContext camel, List<Outgoing> outgoing) {
        String traceparent = tracing.current();
        return outgoing.stream().map(o -> {
            Message m = new DefaultMessage(camel);
            m.setBody(codec.write(o.body()));
            m.setHeader(TARGET, o.target());
            m.setHeader(SENT_AT, clock.millis());
            if (traceparent != null) {
                m.setHeader(org.geoetl.telemetry.Tracing.HEADER, traceparent);
            }
            if (o.delayMs() > 0) {
                long at = clock.millis() + o.delayMs();
                m.setHeader("_AMQ_SCHED_DELIVERY", at);
                m.setHeader("CamelAzureServiceBusScheduledEnqueueTime",
                        OffsetDateTime.ofInstant(Instant.ofEpochMilli(at), ZoneOffset.UTC));
            }
            if (o.reason() != null) {
                m.setHeader(REASON, o.reason());
            }
            return m;
        }).toList();
    }
}
