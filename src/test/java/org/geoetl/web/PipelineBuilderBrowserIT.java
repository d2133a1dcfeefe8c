package org.geoetl.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.geoetl.support.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * The pipeline builder in a real browser (Debian's chromium, driven by playwright-core from ui/;
 * ui/tests/builder.mjs) at 1280 x 800 against the packaged service: a three-stage pipeline built
 * by dragging task types from the palette (fixed(params.tasks), each over it, fan_in), a wrong
 * connection marked on its stage by the service's validation and fixed, Delete and Ctrl+Z on a
 * stage, save, plan preview, publish, run, and the monitor until every stage node completed. Any
 * console error, failed request or HTTP error answer fails it. Screenshots land in
 * target/screenshots/builder-*.png. The service then holds what the browser did: two versions of the
 * pipeline (published again after the run, then archived from the versions list), and a completed job of it with 4 + 4 + 1 tasks on version 1. Every control has an
 * accessible name, the page fits the window without scrolling, and a submitter sees the pipeline
 * with Run but without Publish, a reader read-only (no save, plan or run, and no call refused).
 */
class PipelineBuilderBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TASKS = 4;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPipelineBuiltInTheBrowserIsValidatedSavedPlannedPublishedRunAndMonitoredToTheEnd() throws Exception {
        String name = "builder_" + UUID.randomUUID().toString().substring(0, 8);
        try (ServiceProcess service = new ServiceProcess("builder", "--geoetl.worker.work-dir=target/work-builder")) {
            service.start();
            String submitterKey = post(service, "/api/admin/api-keys",
                    Map.of("owner", "builder-submitter-" + name, "roles", List.of("reader", "submitter"))).path("key").asText();
            String readerKey = post(service, "/api/admin/api-keys",
                    Map.of("owner", "builder-reader-" + name, "roles", List.of("reader"))).path("key").asText();
            assertThat(submitterKey).startsWith("geoetl_");
            assertThat(readerKey).startsWith("geoetl_");
            Path screenshots = Path.of("target", "screenshots").toAbsolutePath();
            Path log = service.log().getParent().resolve("builder-browser.log");
            ProcessBuilder node = new ProcessBuilder("node", "tests/builder.mjs").directory(Path.of("ui").toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            // the key travels in the environment, never on a command line
            node.environment().putAll(Map.of("GEOETL_URL", service.url(), "GEOETL_KEY", service.adminKey(),
                    "GEOETL_PIPELINE", name, "GEOETL_TASKS", String.valueOf(TASKS), "SCREENSHOTS", screenshots.toString(),
                    "GEOETL_SUBMITTER_KEY", submitterKey, "GEOETL_READER_KEY", readerKey, "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
            Process browser = node.start();
            assertThat(browser.waitFor(240, TimeUnit.SECONDS)).as("the browser test finished").isTrue();
            String report = Files.readString(log);
            assertThat(browser.exitValue()).as(report).isZero();
            JsonNode observed = JSON.readTree(report.substring(report.indexOf('{'))).path("observed");

            assertThat(observed.path("marker").asText()).as(report).contains("'s3'");
            assertThat(observed.path("states").get(observed.path("states").size() - 1).asText())
                    .isEqualTo("s1:completed s2:completed s3:completed");
            assertThat(observed.path("unlabelled").size()).as(report).isZero();
            assertThat(observed.path("fits").asBoolean()).as("fits 1280 x 800").isTrue();
            assertThat(observed.path("submitter").path("publish").asInt()).as("a submitter sees no Publish").isZero();
            assertThat(observed.path("submitter").path("runEnabled").asBoolean()).as("a submitter may run").isTrue();
            assertThat(observed.path("reader").path("validity").asText()).as("a reader's view").isEqualTo("read-only");
            assertThat(observed.path("reader").path("run").asBoolean()).as("a reader may not run").isTrue();
            assertThat(observed.path("counts").toString()).contains(TASKS + "/" + TASKS + " done").contains("1/1 done");

            JsonNode versions = get(service, "/api/pipelines/" + name + "/versions").path("versions");
            assertThat(versions.size()).as("published twice: " + versions).isEqualTo(2);
            assertThat(observed.path("state").asText()).contains("published v2");
            assertThat(versions.findValuesAsText("status")).as("v2 archived in the browser").containsExactly("archived", "published");
            JsonNode stored = get(service, "/api/pipelines/" + name).path("definition");
            assertThat(stored.path("stages").findValuesAsText("fan_out"))
                    .containsExactly("fixed(params.tasks)", "each(s1)", "fan_in(s2)");
            assertThat(stored.path("parameters").path("required").toString()).contains("tasks");

            String jobId = observed.path("jobLink").asText().replaceAll(".*/", "");
            JsonNode progress = get(service, "/api/jobs/" + jobId + "/progress");
            assertThat(progress.path("status").asText()).isEqualTo("completed");
            assertThat(progress.path("job_type").asText()).isEqualTo(name);
            assertThat(progress.path("tasks").path("completed").asInt()).isEqualTo(TASKS + TASKS + 1);
            assertThat(get(service, "/api/jobs/status/" + jobId).path("definitionVersion").asInt()).isEqualTo(1);
            for (String shot : List.of("01-empty", "02-three-stages", "03-invalid-connection", "04-saved", "05-plan",
                    "06-running", "07-completed", "08-job-page", "09-submitter")) {
                assertThat(screenshots.resolve("builder-" + shot + ".png")).isNotEmptyFile();
            }
        }
    }

    private JsonNode post(ServiceProcess service, String path, Object body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.url() + path))
                .header("Content-Type", "application/json").header("X-API-Key", service.adminKey())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    private JsonNode get(ServiceProcess service, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.url() + path))
                .header("X-API-Key", service.adminKey()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
