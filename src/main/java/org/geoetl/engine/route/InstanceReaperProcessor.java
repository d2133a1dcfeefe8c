package org.geoetl.engine.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.geoetl.engine.InstanceReaper;
import org.springframework.stereotype.Component;

/** Runs the {@link InstanceReaper}; the body becomes the messages of the tasks it re-queued. */
@Component("instanceReaperProcessor")
public class InstanceReaperProcessor implements Processor {

    private final InstanceReaper reaper;
    private final OutgoingMessages outgoing;

    public InstanceReaperProcessor(InstanceReaper reaper, OutgoingMessages outgoing) {
        this.reaper = reaper;
        this.outgoing = outgoing;
    }

    @Override
    public void process(Exchange exchange) {
        InstanceReaper.Pass pass = reaper.reap();
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(outgoing.toMessages(exchange.getContext(), pass.messages()));
    }
}
