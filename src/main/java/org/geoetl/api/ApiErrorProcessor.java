package org.geoetl.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.geoetl.engine.JobSubmission;
import org.geoetl.engine.params.ParameterValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Turns an exception caught in an API route into a JSON error with the right HTTP status. */
@Component("apiErrorProcessor")
public class ApiErrorProcessor implements Processor {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorProcessor.class);

    private final ObjectMapper mapper;

    public ApiErrorProcessor(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The first exception in the cause chain this processor has an answer for (SDKs wrap ours). */
    private static Throwable known(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ApiException || t instanceof ParameterValidationException
                    || t.getClass().getName().startsWith("org.geoetl.")) {
                return t;
            }
        }
        return error;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable error = known(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        int status;
        Map<String, Object> body = new LinkedHashMap<>();
        if (error instanceof ParameterValidationException v) {
            status = 400;
            body.put("error", "invalid parameters");
            body.put("errors", v.errors());
        } else if (error instanceof JobSubmission.UnknownJobTypeException) {
            status = 404;
            body.put("error", error.getMessage());
            body.put("hint", "GET /api/jobs/types lists the job types");
        } else if (error instanceof org.geoetl.engine.NotFoundException) {
            status = 404;
            body.put("error", error.getMessage());
        } else if (error instanceof org.geoetl.storage.InvalidBlobNameException
                || error instanceof org.geoetl.stac.StacSearchException
                || error instanceof org.geoetl.catalog.Approvals.ReasonRequiredException) {
            status = 400;
            body.put("error", error.getMessage());
        } else if (error instanceof org.geoetl.storage.BlobNotFoundException) {
            status = 404;
            body.put("error", error.getMessage());
        } else if (error instanceof org.geoetl.storage.BlobTooLargeException) {
            status = 413;
            body.put("error", error.getMessage());
        } else if (error instanceof org.geoetl.engine.OperatorVerbs.Refused) {
            status = 409;
            body.put("error", error.getMessage());
        } else if (error instanceof ApiException a) {
            status = a.status();
            body.put("error", a.getMessage());
            body.putAll(a.details());
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
