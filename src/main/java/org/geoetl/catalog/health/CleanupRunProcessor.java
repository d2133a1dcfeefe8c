package org.geoetl.catalog.health;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.geoetl.engine.route.OutgoingMessages;
import org.springframework.stereotype.Component;

/**
 * Runs a cleanup (header {@code type} from the API, or the schedule's tick) and hands the job
 * messages of the repairs it submitted to engine-dispatch; the answer goes to property
 * {@code geoetlResponse}.
 */
@Component("cleanupRunProcessor")
public class CleanupRunProcessor implements Processor {

    private final CleanupRuns runs;
    private final OutgoingMessages outgoing;

    public CleanupRunProcessor(CleanupRuns runs, OutgoingMessages outgoing) {
        this.runs = runs;
        this.outgoing = outgoing;
    }

    @Override
    public void process(Exchange exchange) {
        boolean tick = exchange.getIn().getHeader("geoetlCleanupTick") != null;
        CleanupRuns.Ran ran = tick ? runs.scheduled() : runs.run(exchange.getIn().getHeader("type", String.class));
        exchange.setProperty("geoetlResponse", ran.response());
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(outgoing.toMessages(exchange.getContext(), ran.messages()));
    }
}
