package org.geoetl.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.geoetl.security.Role;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.SpanCapture;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Prometheus metrics, the Jolokia bridge a Hawtio console uses, and one trace per job run. */
class TelemetryIT extends EngineTestSupport {

    private String scrape(String key) {
        ResponseEntity<String> r = http.exchange("/actuator/prometheus", HttpMethod.GET, new HttpEntity<>(as(key)),
                String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        return r.getBody();
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(scrape);
        assertThat(m.find()).as("series %s in the scrape", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void prometheusShowsTaskOutcomesDurationsBarriersQueuesJobsAndCamelRoutesWithRealValues() {
        String before = scrape(key(Role.OPERATOR));
        String jobId = submit("benchmark_fanout", "{\"tasks\": 30, \"stages\": 2, \"fail_index\": 3, \"fail_attempts\": 1,"
                + " \"label\": \"metrics-" + unique() + "\"}").getBody().path("job_id").asText();
        assertThat(awaitEnd(jobId, Duration.ofSeconds(60)).path("status").asText()).isEqualTo("completed");

        String after = scrape(key(Role.OPERATOR));
        String completed = "geoetl_tasks_total{application=\"geoetl\",outcome=\"completed\",task_type=\"benchmark_task\"}";
        String retrying = "geoetl_tasks_total{application=\"geoetl\",outcome=\"retrying\",task_type=\"benchmark_task\"}";
        assertThat(value(after, completed) - (before.contains(completed) ? value(before, completed) : 0)).isEqualTo(60);
        assertThat(value(after, retrying) - (before.contains(retrying) ? value(before, retrying) : 0)).isEqualTo(1);
        assertThat(value(after, "geoetl_task_duration_seconds_count{application=\"geoetl\",outcome=\"completed\","
                + "task_type=\"benchmark_task\"}")).isGreaterThanOrEqualTo(60);
        assertThat(after).contains("geoetl_task_duration_seconds_bucket{application=\"geoetl\",outcome=\"completed\","
                + "task_type=\"benchmark_task\",le=");
        assertThat(value(after, "geoetl_stage_barrier_seconds_count{application=\"geoetl\"}")).isGreaterThanOrEqualTo(2);
        assertThat(value(after, "geoetl_queue_depth{application=\"geoetl\",queue=\"functionapp-tasks\"}")).isGreaterThanOrEqualTo(0);
        assertThat(value(after, "geoetl_dead_letters{application=\"geoetl\"}")).isGreaterThanOrEqualTo(0);
        // jobs by status are read from the database at most every 5 s
        await().atMost(Duration.ofSeconds(15)).until(() -> value(scrape(key(Role.OPERATOR)),
                "geoetl_jobs{application=\"geoetl\",status=\"completed\"}") >= 1);
        assertThat(after).containsPattern("camel_exchanges_total\\{.*routeId=\"worker-light\".*\\} [1-9]");
        assertThat(value(after, "geoetl_jobs_submitted_total{application=\"geoetl\",created=\"true\","
                + "job_type=\"benchmark_fanout\"}")).isGreaterThanOrEqualTo(1);

        // the actuator is for operators: a reader is refused, without credentials 401
        assertThat(http.exchange("/actuator/prometheus", HttpMethod.GET, new HttpEntity<>(as(key(Role.READER))),
                String.class).getStatusCode().value()).isEqualTo(403);
    }

    private ResponseEntity<JsonNode> jolokia(String key, String body) {
        HttpHeaders h = as(key);
        h.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange("/actuator/jolokia", HttpMethod.POST, new HttpEntity<>(body, h), JsonNode.class);
    }

    @Test
    void aJolokiaClientListsCamelRoutesWithCountsRunsAReadOnlyOperationAndNeedsAdminToChangeAnything() {
        submit("hello_world", "{\"n\": 2, \"message\": \"jolokia " + unique() + "\"}");
        String operator = key(Role.OPERATOR);
        // what Hawtio's Camel plugin sends: a bulk read of every route's statistics
        ResponseEntity<JsonNode> routes = jolokia(operator, "[{\"type\": \"read\", \"mbean\":"
                + " \"org.apache.camel:context=*,type=routes,name=*\", \"attribute\": [\"RouteId\", \"ExchangesTotal\","
                + " \"State\"]}, {\"type\": \"version\"}]");
        assertThat(routes.getStatusCode().value()).isEqualTo(200);
        JsonNode read = routes.getBody().get(0);
        assertThat(read.path("status").asInt()).as("%s", read).isEqualTo(200);
        Set<String> ids = new java.util.HashSet<>();
        long exchanges = 0;
        for (JsonNode route : read.path("value")) {
            ids.add(route.path("RouteId").asText());
            exchanges += route.path("ExchangesTotal").asLong();
        }
        assertThat(ids).contains("engine-orchestrator", "worker-light", "api-jobs-submit", "job-metrics-snapshot");
        assertThat(exchanges).isPositive();
        assertThat(routes.getBody().get(1).path("value").path("agent").asText()).startsWith("2.");

        ResponseEntity<JsonNode> queues = jolokia(operator,
                "{\"type\": \"exec\", \"mbean\": \"geoetl:name=operator\", \"operation\": \"listQueues\"}");
        assertThat(queues.getBody().path("status").asInt()).as("%s", queues.getBody()).isEqualTo(200);
        assertThat(queues.getBody().path("value").asText()).contains("functionapp-tasks");

        String cancel = "{\"type\": \"exec\", \"mbean\": \"geoetl:name=operator\", \"operation\": \"cancelJob\","
                + " \"arguments\": [\"no-such-job\", \"test\"]}";
        ResponseEntity<JsonNode> refused = jolokia(operator, cancel);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getBody().path("error").asText()).contains("admin");
        // nor by the query form, nor hidden in a bulk request, nor by writing an attribute
        assertThat(http.exchange("/actuator/jolokia?p=/exec/geoetl:name=operator/runJanitor", HttpMethod.GET,
                new HttpEntity<>(as(operator)), JsonNode.class).getStatusCode().value()).isEqualTo(403);
        assertThat(http.exchange("/actuator/jolokia/exec/geoetl:name=operator/runJanitor", HttpMethod.GET,
                new HttpEntity<>(as(operator)), JsonNode.class).getStatusCode().value()).isEqualTo(403);
        assertThat(jolokia(operator, "[{\"type\": \"version\"}, " + cancel + "]").getStatusCode().value()).isEqualTo(403);
        assertThat(jolokia(operator, "{\"type\": \"write\", \"mbean\": \"org.apache.camel:context=geoetl,type=context,"
                + "name=\\\"geoetl\\\"\", \"attribute\": \"Tracing\", \"value\": true}").getStatusCode().value()).isEqualTo(403);

        // an admin may run the verb (the job does not exist: Jolokia reports the operation's own error)
        ResponseEntity<JsonNode> byAdmin = jolokia(adminKey(), cancel);
        assertThat(byAdmin.getStatusCode().value()).isEqualTo(200);
        // but not outside the service's own domains, and nobody proxies to another JMX server
        assertThat(jolokia(adminKey(), "{\"type\": \"exec\", \"mbean\": \"java.lang:type=Memory\", \"operation\": \"gc\"}")
                .getStatusCode().value()).isEqualTo(403);
        assertThat(jolokia(adminKey(), "{\"type\": \"read\", \"mbean\": \"java.lang:type=Memory\", \"target\":"
                + " {\"url\": \"service:jmx:rmi:///jndi/rmi://127.0.0.1:9/jmxrmi\"}}").getStatusCode().value()).isEqualTo(403);
        ResponseEntity<JsonNode> diagnostic = jolokia(adminKey(), "{\"type\": \"read\", \"mbean\":"
                + " \"com.sun.management:type=HotSpotDiagnostic\", \"attribute\": \"DiagnosticOptions\"}");
        assertThat(diagnostic.getBody().path("status").asInt()).isEqualTo(403);
        assertThat(http.exchange("/actuator/jolokia", HttpMethod.POST, new HttpEntity<>("{\"type\": \"version\"}",
                as(key(Role.READER))), JsonNode.class).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void oneTraceLinksTheSubmitRequestTheOrchestratorEveryTaskAndTheStageBarriers() {
        ResponseEntity<JsonNode> submitted = submit("hello_world", "{\"n\": 3, \"message\": \"traced " + unique() + "\"}");
        String jobId = submitted.getBody().path("job_id").asText();
        String traceId = submitted.getBody().path("trace_id").asText(null);
        assertThat(traceId).as("the submit answer names its trace").isNotNull().hasSize(32);
        assertThat(awaitEnd(jobId, Duration.ofSeconds(60)).path("status").asText()).isEqualTo("completed");

        // 3 greetings + 3 replies, each its own span; spans are exported in batches
        await().atMost(Duration.ofSeconds(30)).until(() -> SpanCapture.trace(traceId).stream()
                .filter(s -> s.getName().startsWith("task ")).count() >= 6
                && SpanCapture.trace(traceId).stream().anyMatch(s -> s.getName().equals("stage barrier")));
        List<SpanData> spans = SpanCapture.trace(traceId);
        Set<String> names = spans.stream().map(SpanData::getName).collect(Collectors.toSet());
        assertThat(names).contains("orchestrate job_submit", "task hello_world_greeting", "task hello_world_reply",
                "stage barrier");
        assertThat(spans.stream().filter(s -> s.getName().startsWith("task "))
                .map(s -> s.getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().equals("task_id")).findFirst().orElseThrow().getValue())
                .distinct().count()).isEqualTo(6);
        assertThat(spans).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(traceId));
        // the request's own span is the root: the orchestrator's parent is in the same trace
        SpanData root = spans.stream().filter(s -> !s.getParentSpanContext().isValid()).findFirst().orElseThrow();
        assertThat(root.getName()).containsIgnoringCase("http");
    }
}
