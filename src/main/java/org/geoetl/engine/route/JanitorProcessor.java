package org.geoetl.engine.route;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.geoetl.engine.Janitor;
import org.springframework.stereotype.Component;

/** Runs the {@link Janitor} (scheduled or on demand); the body becomes the messages to re-send. */
@Component("janitorProcessor")
public class JanitorProcessor implements Processor {

    public static final String REPORT = "geoetlResponse";

    private final Janitor janitor;
    private final OutgoingMessages outgoing;

    public JanitorProcessor(Janitor janitor, OutgoingMessages outgoing) {
        this.janitor = janitor;
        this.outgoing = outgoing;
    }

    @Override
    public void process(Exchange exchange) {
        String trigger = exchange.getIn().getHeader("geoetlJanitorTrigger", "manual", String.class);
        Janitor.Report report = janitor.run(trigger);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run_id", report.runId());
        summary.put("skipped", report.skipped());
        summary.put("actions", report.actions());
        summary.put("messages_sent", report.messages().size());
        exchange.setProperty(REPORT, summary);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(outgoing.toMessages(exchange.getContext(), report.messages()));
    }
}
