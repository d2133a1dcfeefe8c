package org.geoetl.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.geoetl.error.ErrorIds;
import org.geoetl.error.ErrorResponses;
import org.geoetl.error.GeoEtlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns an exception caught in an API route into a JSON error: a {@link GeoEtlException} anywhere
 * in the cause chain (SDKs wrap ours) answers with its own status, message and details; anything
 * else is a 500 with an error id and no detail (the message may hold SQL or paths; the log has it
 * under the same id).
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

    /** A parameter that did not convert or bind, or a body that is not JSON. */
    static boolean malformed(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof org.apache.camel.TypeConversionException
                    || t instanceof org.apache.camel.component.bean.ParameterBindingException
                    || t instanceof com.fasterxml.jackson.core.JsonProcessingException
                    || t instanceof NumberFormatException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        GeoEtlException known = known(error);
        String errorId = ErrorIds.next();
        int status;
        Map<String, Object> body;
        if (known != null) {
            status = known.status();
            body = ErrorResponses.body(status, known.getMessage(), errorId, known.details());
            log.info("{} {} answered {}: {}", errorId, exchange.getFromRouteId(), status, known.getMessage());
        } else if (malformed(error)) {
            status = 400;
            body = ErrorResponses.body(status, "a parameter or the body is malformed: check types and JSON syntax",
                    errorId, Map.of());
            log.info("{} {} answered 400: {}", errorId, exchange.getFromRouteId(), error.toString());
        } else {
            status = 500;
            body = ErrorResponses.body(status, "internal error; quote the error_id when reporting it", errorId, Map.of());
            log.error("{} {} failed", errorId, exchange.getFromRouteId(), error);
        }
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setBody(mapper.writeValueAsString(body));
    }
}
