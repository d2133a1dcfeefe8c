package org.geoetl.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.geoetl.engine.JobSubmission;
import org.geoetl.engine.SubmitResult;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.route.MessageCodec;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/jobs/submit/{job_type}}: validates and records the job. Leaves the HTTP response
 * in property {@value #RESPONSE} and, when the job must run, the job message as the body with
 * property {@value #ENQUEUE} set — the route sends it, then answers with {@value #STATUS_CODE}.
 */
@Component("submitJobProcessor")
public class SubmitJobProcessor implements Processor {

    public static final String RESPONSE = "geoetlResponse";
    public static final String ENQUEUE = "geoetlEnqueue";
    public static final String STATUS_CODE = "geoetlStatusCode";

    private final JobSubmission submission;
    private final ObjectMapper mapper;
    private final MessageCodec codec;

    private final org.geoetl.security.Callers callers;
    private final org.geoetl.telemetry.Tracing tracing;
    private final org.geoetl.telemetry.Meters meters;

    public SubmitJobProcessor(JobSubmission submission, ObjectMapper mapper, MessageCodec codec,
                              org.geoetl.security.Callers callers, org.geoetl.telemetry.Tracing tracing,
                              org.geoetl.telemetry.Meters meters) {
        this.callers = callers;
        this.tracing = tracing;
        this.meters = meters;
        this.submission = submission;
        this.mapper = mapper;
        this.codec = codec;
    }

    @Override
    public void process(Exchange exchange) {
        String jobType = exchange.getIn().getHeader("job_type", String.class);
        SubmitResult result = submission.submit(jobType, parse(exchange.getIn().getBody(String.class)), callers.name(),
                callers.current().map(c -> c.roles().stream().map(org.geoetl.security.Role::id).sorted().toList())
                        .orElse(java.util.List.of()));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("job_id", result.job().jobId());
        response.put("job_type", result.job().jobType());
        response.put("status", result.status());
        response.put("idempotent", result.idempotent());
        response.put("attempt", result.job().attempt());
        response.put("parameters", result.job().parameters());
        response.put("status_url", "/api/jobs/status/" + result.job().jobId());
        if (result.outcome() == org.geoetl.engine.SubmitOutcome.ALREADY_COMPLETED) {
            response.put("result", result.job().resultData());
        }
        response.put("message", result.message());
        String traceparent = tracing.current();
        if (traceparent != null) {
            response.put("trace_id", tracing.currentTraceId());
        }
        meters.jobSubmitted(result.job().jobType(), result.enqueue());
        exchange.getIn().removeHeaders("*");
        if (traceparent != null) {
            exchange.getIn().setHeader(org.geoetl.telemetry.Tracing.HEADER, traceparent);
        }
        exchange.setProperty(RESPONSE, response);
        exchange.setProperty(ENQUEUE, result.enqueue());
        exchange.setProperty(STATUS_CODE, result.enqueue() ? 202 : 200);
        exchange.getIn().setBody(result.enqueue() ? codec.write(JobMessage.submit(result.job().jobId())) : null);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
