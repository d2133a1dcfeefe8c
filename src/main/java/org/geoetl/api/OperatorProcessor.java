package org.geoetl.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.geoetl.engine.ConcurrencyCaps;
import org.geoetl.engine.OperatorVerbs;
import org.geoetl.engine.route.OutgoingMessages;
import org.geoetl.engine.route.QueueControl;
import org.springframework.stereotype.Component;

/**
 * The operator verbs over REST (header {@value #VERB} names the verb). Leaves the answer in
 * property {@value SubmitJobProcessor#RESPONSE} and the messages the verb needs sent as the body.
 */
@Component("operatorProcessor")
public class OperatorProcessor implements Processor {

    public static final String VERB = "geoetlVerb";

    private final OperatorVerbs verbs;
    private final QueueControl queues;
    private final ConcurrencyCaps caps;
    private final OutgoingMessages outgoing;
    private final ObjectMapper mapper;

    public OperatorProcessor(OperatorVerbs verbs, QueueControl queues, ConcurrencyCaps caps,
                             OutgoingMessages outgoing, ObjectMapper mapper) {
        this.verbs = verbs;
        this.queues = queues;
        this.caps = caps;
        this.outgoing = outgoing;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String verb = in.getHeader(VERB, String.class);
        String jobId = in.getHeader("job_id", String.class);
        JsonNode body = body(in.getBody(String.class));
        boolean dryRun = flag(in, body, "dry_run");
        boolean force = flag(in, body, "force");
        OperatorVerbs.Result result = switch (verb) {
            case "cancel" -> verbs.cancel(jobId, body.path("reason").asText(null));
            case "retry" -> verbs.retryFailed(jobId);
            case "resubmit" -> verbs.resubmit(jobId, dryRun, force);
            case "delete" -> {
                if (!dryRun && !"yes".equals(in.getHeader("confirm", String.class))) {
                    throw new ApiException(400, "deleting a job needs confirm=yes (or dry_run=true to see what would go)");
                }
                yield verbs.delete(jobId, dryRun, force);
            }
            case "pause" -> new OperatorVerbs.Result(queues.pause(in.getHeader("queue", String.class)), List.of());
            case "resume" -> new OperatorVerbs.Result(queues.resume(in.getHeader("queue", String.class)), List.of());
            case "queues" -> new OperatorVerbs.Result(queues.list(), List.of());
            case "cap" -> new OperatorVerbs.Result(cap(in.getHeader("task_type", String.class), body), List.of());
            default -> throw new ApiException(400, "unknown operator verb " + verb);
        };
        exchange.setProperty(SubmitJobProcessor.RESPONSE, result.response());
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(outgoing.toMessages(exchange.getContext(), result.messages()));
    }

    private Map<String, Object> cap(String taskType, JsonNode body) {
        JsonNode value = body.get("max_concurrency");
        if (value != null && !value.isNull() && (!value.canConvertToInt() || value.intValue() < 0)) {
            throw new ApiException(400, "max_concurrency must be a non-negative integer, or null to remove the cap");
        }
        Integer cap = value == null || value.isNull() ? null : value.intValue();
        caps.set(taskType, cap);
        return cap == null ? Map.of("task_type", taskType, "max_concurrency", "unlimited")
                : Map.of("task_type", taskType, "max_concurrency", cap);
    }

    private JsonNode body(String text) {
        try {
            return text == null || text.isBlank() ? mapper.createObjectNode() : mapper.readTree(text);
        } catch (Exception e) {
            throw new ApiException(400, "request body is not valid JSON");
        }
    }

    private static boolean flag(Message in, JsonNode body, String name) {
        String query = in.getHeader(name, String.class);
        return "true".equalsIgnoreCase(query) || body.path(name).asBoolean(false);
    }
}
