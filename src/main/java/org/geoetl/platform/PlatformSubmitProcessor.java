package org.geoetl.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.geoetl.engine.route.OutgoingMessages;
import org.geoetl.security.Callers;
import org.geoetl.security.Role;
import org.springframework.stereotype.Component;

/** {@code POST /api/platform/submit} and {@code …/unpublish} (header geoetlPlatformVerb): the answer to property geoetlResponse, the job messages to engine-dispatch. */
@Component("platformSubmitProcessor")
public class PlatformSubmitProcessor implements Processor {

    private final PlatformSubmissions submissions;
    private final PlatformUnpublish unpublish;
    private final OutgoingMessages outgoing;
    private final Callers callers;
    private final ObjectMapper mapper;

    public PlatformSubmitProcessor(PlatformSubmissions submissions, PlatformUnpublish unpublish, OutgoingMessages outgoing,
                                   Callers callers, ObjectMapper mapper) {
        this.submissions = submissions;
        this.unpublish = unpublish;
        this.outgoing = outgoing;
        this.callers = callers;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) {
        JsonNode body = PlatformBody.parse(mapper, exchange.getIn().getBody(String.class));
        java.util.List<String> roles = callers.current().map(c -> c.roles().stream().map(Role::id).sorted().toList())
                .orElse(java.util.List.of());
        PlatformSubmissions.Submitted s = "unpublish".equals(exchange.getIn().getHeader("geoetlPlatformVerb"))
                ? unpublish.unpublish(body, callers.name(), roles) : submissions.submit(body, callers.name(), roles);
        exchange.setProperty("geoetlResponse", s.response());
        exchange.setProperty("geoetlStatusCode", s.status());
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(outgoing.toMessages(exchange.getContext(), s.messages()));
    }
}
