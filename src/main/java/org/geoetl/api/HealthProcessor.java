package org.geoetl.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** /livez, /readyz and /health: 200 when the checked parts are up, 503 otherwise. */
@Component("healthProcessor")
public class HealthProcessor implements Processor {

    private final HealthReport report;
    private final ObjectMapper mapper;

    private final org.geoetl.security.Callers callers;

    public HealthProcessor(HealthReport report, ObjectMapper mapper, org.geoetl.security.Callers callers) {
        this.report = report;
        this.mapper = mapper;
        this.callers = callers;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String probe = exchange.getIn().getHeader("geoetlProbe", "health", String.class);
        Map<String, Object> body;
        boolean ok;
        switch (probe) {
            case "live" -> {
                body = Map.of("status", "alive");
                ok = true;
            }
            case "ready" -> {
                ok = report.ready();
                body = Map.of("status", ok ? "ready" : "not ready");
            }
            default -> {
                // versions and failure texts (hosts, library paths) are for operators
                body = report.full(callers.has(org.geoetl.security.Role.OPERATOR));
                ok = "healthy".equals(body.get("status"));
            }
        }
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, ok ? 200 : 503);
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setBody(mapper.writeValueAsString(body));
    }
}
