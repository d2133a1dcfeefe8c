package org.geoetl.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.geoetl.error.GeoEtlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns an exception caught in an API route into a JSON error: a {@link GeoEtlException} anywhere
 * in the cause chain (SDKs wrap ours) answers with its own status, message and details; anything
 * else is a 500 that names only the exception's type (never its message: it may hold SQL or paths).
 */
@Component("apiErrorProcessor")
public class ApiErrorProcessor implements Processor {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorProcessor.class);

    private final ObjectMapper mapper;

    public ApiErrorProcessor(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    static GeoEtlException known(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof GeoEtlException g) {
                return g;
            }
        }
        return null;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        GeoEtlException known = known(error);
        Map<String, Object> body = new LinkedHashMap<>();
        int status;
        if (known != null) {
            status = known.status();
            body.put("error", known.getMessage());
            body.putAll(known.details());
        } else {
            status = 500;
            body.put("error", "internal error: " + (error == null ? "unknown" : error.getClass().getSimpleName()));
            log.error("API request failed", error);
        }
        body.put("status", status);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setBody(mapper.writeValueAsString(body));
    }
}
