package org.geoetl.curated.update;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Date;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.geoetl.engine.route.OutgoingMessages;
import org.geoetl.error.GeoEtlException;
import org.geoetl.security.Callers;
import org.geoetl.security.Role;
import org.springframework.stereotype.Component;

/**
 * Starts a curated run from a route: {@code POST /api/curated/datasets/{id}/update} (header
 * {@code dataset_id}, optional JSON body) or a schedule tick (header {@code geoetlCuratedTick} with
 * Quartz's {@code fireTime}). Leaves the answer in property {@value #RESPONSE}, the status code in
 * {@value #STATUS_CODE} and the job message (if any) as the body, for engine-dispatch.
 */
@Component("curatedUpdateProcessor")
public class CuratedUpdateProcessor implements Processor {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CuratedUpdateProcessor.class);

    public static final String RESPONSE = "geoetlResponse";
    public static final String STATUS_CODE = "geoetlStatusCode";

    private final CuratedUpdates updates;
    private final OutgoingMessages outgoing;
    private final Callers callers;
    private final ObjectMapper mapper;
    private final java.time.Clock clock;

    public CuratedUpdateProcessor(CuratedUpdates updates, OutgoingMessages outgoing, Callers callers,
                                  ObjectMapper mapper, java.time.Clock clock) {
        this.clock = clock;
        this.updates = updates;
        this.outgoing = outgoing;
        this.callers = callers;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) {
        String id = exchange.getIn().getHeader("dataset_id", String.class);
        CuratedUpdates.Submitted s;
        if (exchange.getIn().getHeader("geoetlCuratedTick") != null) {
            Date fired = exchange.getIn().getHeader("scheduledFireTime", Date.class); // the tick, even when fired late
            Instant tick = fired == null ? clock.instant() : fired.toInstant();
            log.info("curated schedule {} fired for tick {}", id, tick);
            s = updates.scheduled(id, tick);
        } else {
            s = updates.request(id, body(exchange.getIn().getBody(String.class)), callers.name(),
                    callers.current().map(c -> c.roles().stream().map(Role::id).sorted().toList())
                            .orElse(java.util.List.of()));
        }
        exchange.setProperty(RESPONSE, s.response());
        exchange.setProperty(STATUS_CODE, s.status());
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(outgoing.toMessages(exchange.getContext(), s.messages()));
    }

    private JsonNode body(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(text);
            if (!node.isObject()) {
                throw new GeoEtlException(400, "the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new GeoEtlException(400, "the body is not valid JSON");
        }
    }
}
