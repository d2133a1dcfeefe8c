package org.geoetl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.geoetl.engine.definition.DefinitionValidator;
import org.geoetl.engine.definition.InvalidDefinitionException;
import org.geoetl.engine.definition.JobDefinitionLoader;
import org.geoetl.security.Role;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The pipeline builder's API end to end: definitions as data, validation, versions, plan, export/import, roles. */
class PipelinesIT extends EngineTestSupport {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final MediaType YAML_TYPE = MediaType.parseMediaType("application/yaml");

    @Autowired
    DefinitionValidator validator;
    @Autowired
    org.geoetl.engine.handler.TaskHandlerRegistry handlers;
    @Autowired
    PipelineRepository repository;

    private static String name() {
        return "it_" + unique().replace("-", "").substring(0, 12);
    }

    private ResponseEntity<JsonNode> send(HttpMethod method, String path, String body, MediaType type, HttpHeaders auth) {
        HttpHeaders h = new HttpHeaders();
        if (auth != null) {
            h.addAll(auth);
        }
        if (body != null) {
            h.setContentType(type);
        }
        return http.exchange(path, method, new HttpEntity<>(body, h), JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String path, String body, MediaType type) {
        return send(HttpMethod.POST, path, body, type, null);
    }

    /** Two benchmark stages (a fan-out and an each over it); three adds a fan_in. */
    private static String pipeline(String name, int stages) {
        String yaml = """
                job_type: %s
                description: a pipeline of no-op tasks
                parameters:
                  properties:
                    tasks: {type: integer, minimum: 0, maximum: 100000, default: 3}
                    work_ms: {type: integer, minimum: 0, default: 0}
                    label: {type: string}
                stages:
                  - {name: fan, task_type: benchmark_task, fan_out: fixed(params.tasks)}
                  - {name: each_one, task_type: benchmark_task, fan_out: each(fan)}
                """.formatted(name);
        return stages == 3 ? yaml + "  - {name: gather, task_type: benchmark_task, fan_out: fan_in(each_one)}\n" : yaml;
    }

    private int publish(String name) {
        ResponseEntity<JsonNode> r = post("/api/pipelines/" + name + "/publish", null, null);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(201);
        return r.getBody().path("version").asInt();
    }

    @Test
    void validateReportsExactlyTheErrorsTheStartUpLoaderFailsWith() throws Exception {
        String name = name();
        String yaml = """
                job_type: %s
                parameters:
                  properties:
                    n: {type: integer, minimum: 5, maximum: 1}
                stages:
                  - {name: first, task_type: no_such_task, fan_out: each(second)}
                  - {name: second, task_type: benchmark_task, fan_out: fixed(params.m)}
                """.formatted(name);
        List<JsonNode> loader;
        try {
            JobDefinitionLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), validator);
            throw new AssertionError("the loader accepted an invalid definition");
        } catch (InvalidDefinitionException e) {
            loader = e.errors().stream().map(x -> (JsonNode) mapper.valueToTree(x)).toList();
        }
        JsonNode answer = post("/api/pipelines/" + name + "/validate", yaml, YAML_TYPE).getBody();
        assertThat(answer.path("valid").asBoolean(true)).isFalse();
        assertThat(answer.path("errors")).containsExactlyElementsOf(loader);
        assertThat(answer.path("errors").toString()).contains("stages[0].task_type", "stages[0].fan_out",
                "stages[1].fan_out", "parameters.properties.n.minimum");

        // YAML that does not even parse: the same one error from both
        String broken = "job_type: " + name + "\nstages: [oops\n";
        try {
            JobDefinitionLoader.load(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), validator);
            throw new AssertionError("the loader accepted YAML that does not parse");
        } catch (InvalidDefinitionException e) {
            assertThat(post("/api/pipelines/" + name + "/validate", broken, YAML_TYPE).getBody().path("errors"))
                    .containsExactly((JsonNode) mapper.valueToTree(e.errors().get(0)));
        }

        // a saved invalid draft validates the same, and cannot be published
        assertThat(post("/api/pipelines", yaml, YAML_TYPE).getStatusCode().value()).isEqualTo(201);
        assertThat(post("/api/pipelines/" + name + "/validate", null, null).getBody().path("errors"))
                .containsExactlyElementsOf(loader);
        ResponseEntity<JsonNode> refused = post("/api/pipelines/" + name + "/publish", null, null);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().path("errors")).containsExactlyElementsOf(loader);
    }

    @Test
    void aJobStartedOnVersionOneFinishesOnVersionOneWhileVersionTwoIsPublished() {
        String name = name();
        assertThat(post("/api/pipelines", pipeline(name, 2), YAML_TYPE).getStatusCode().value()).isEqualTo(201);
        assertThat(publish(name)).isEqualTo(1);

        // slow enough that version 2 is published while it runs
        String params = "{\"tasks\": 2, \"work_ms\": 1500, \"label\": \"" + unique() + "\"}";
        ResponseEntity<JsonNode> first = submit(name, params);
        assertThat(first.getStatusCode().value()).isEqualTo(202);
        String v1Job = first.getBody().path("job_id").asText();

        assertThat(send(HttpMethod.PUT, "/api/pipelines/" + name, pipeline(name, 3), YAML_TYPE, null)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(publish(name)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT status FROM app.jobs WHERE job_id = ?", String.class, v1Job))
                .as("still running when version 2 was published").isIn("queued", "processing");

        JsonNode status = awaitEnd(v1Job, Duration.ofSeconds(60));
        assertThat(status.path("status").asText()).isEqualTo("completed");
        assertThat(status.path("definitionVersion").asInt()).isEqualTo(1);
        assertThat(status.path("totalStages").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT stage_name FROM app.job_stages WHERE job_id = ? ORDER BY stage", String.class,
                v1Job)).containsExactly("fan", "each_one");
        assertThat(get("/api/jobs/" + v1Job + "/progress").path("stages").size()).as("the monitor shows version 1's stages")
                .isEqualTo(2);

        // the same parameters now run version 2: a new job with three stages
        String v2Job = submit(name, params).getBody().path("job_id").asText();
        assertThat(v2Job).isNotEqualTo(v1Job);
        JsonNode v2 = awaitEnd(v2Job, Duration.ofSeconds(60));
        assertThat(v2.path("status").asText()).isEqualTo("completed");
        assertThat(v2.path("definitionVersion").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT stage_name FROM app.job_stages WHERE job_id = ? ORDER BY stage", String.class,
                v2Job)).containsExactly("fan", "each_one", "gather");

        // another process (its own, empty cache) resolves both versions from the database
        StoredPipelines elsewhere = new StoredPipelines(repository, validator);
        assertThat(elsewhere.latest(name).orElseThrow().version()).isEqualTo(2);
        assertThat(elsewhere.version(name, 1).orElseThrow().totalStages()).isEqualTo(2);
        assertThat(elsewhere.version(name, 2).orElseThrow().totalStages()).isEqualTo(3);

        // published versions are immutable, even to SQL
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update(
                "UPDATE app.job_definitions SET definition = '{}' WHERE name = ? AND version = 1", name))
                .hasMessageContaining("immutable");

        JsonNode versions = get("/api/pipelines/" + name + "/versions").path("versions");
        assertThat(versions.findValuesAsText("version")).containsExactly("2", "1");
        assertThat(versions.get(0).path("author").asText()).isEqualTo("test-admin");

        // archiving version 2 (admins only) makes new jobs run version 1 again; archiving both, none
        assertThat(send(HttpMethod.POST, "/api/pipelines/" + name + "/versions/2/archive", null, null,
                as(key(Role.SUBMITTER))).getStatusCode().value()).isEqualTo(403);
        JsonNode archived = post("/api/pipelines/" + name + "/versions/2/archive", null, null).getBody();
        assertThat(archived.path("latest_version").asInt()).isEqualTo(1);
        String again = submit(name, "{\"tasks\": 1, \"label\": \"" + unique() + "\"}").getBody().path("job_id").asText();
        assertThat(jdbc.queryForObject("SELECT definition_version FROM app.jobs WHERE job_id = ?", Integer.class, again))
                .isEqualTo(1);
        assertThat(post("/api/pipelines/" + name + "/versions/1/archive", null, null).getStatusCode().value()).isEqualTo(200);
        assertThat(submit(name, "{}").getStatusCode().value()).isEqualTo(404);
        assertThat(get("/api/pipelines/" + name).path("status").asText()).isEqualTo("archived");
        assertThat(post("/api/pipelines/" + name + "/versions/1/archive", null, null).getStatusCode().value()).isEqualTo(404);
        awaitEnd(again, Duration.ofSeconds(60));
    }

    @Test
    void anExportImportsBackToAnEqualDefinition() throws Exception {
        String name = name();
        post("/api/pipelines", mapper.writeValueAsString(YAML.readTree(pipeline(name, 3))), MediaType.APPLICATION_JSON);
        publish(name);
        JsonNode published = get("/api/pipelines/" + name).path("definition");

        String exported = http.getForObject("/api/pipelines/" + name + "/export?version=1", String.class);
        assertThat(YAML.readTree(exported)).isEqualTo(published);
        ResponseEntity<JsonNode> imported = post("/api/pipelines", exported, MediaType.parseMediaType("text/yaml"));
        assertThat(imported.getStatusCode().value()).isEqualTo(201);
        assertThat(imported.getBody().path("valid").asBoolean()).isTrue();
        JsonNode again = get("/api/pipelines/" + name);
        assertThat(again.path("draft")).isEqualTo(published);
        assertThat(again.path("published_version").asInt()).isEqualTo(1);
    }

    @Test
    void aHundredThousandTaskPlanIsPreviewedWithoutWritingAnything() {
        String name = name();
        String yaml = """
                job_type: %s
                parameters:
                  properties:
                    half: {type: integer, minimum: 0, maximum: 100000}
                    extra: {type: integer, default: 0}
                  required: [half]
                stages:
                  - {name: one, task_type: benchmark_task, fan_out: fixed(params.half)}
                  - {name: two, task_type: benchmark_task, fan_out: fixed(params.half)}
                  - {name: each_of_one, task_type: benchmark_task, fan_out: "batch(one, 100)"}
                  - {name: gather, task_type: benchmark_task, fan_out: fan_in(two)}
                  - {name: optional, task_type: benchmark_task, fan_out: fixed(3), run_if: params.extra == 1}
                """.formatted(name);
        post("/api/pipelines", yaml, YAML_TYPE);
        long tasks = count("SELECT count(*) FROM app.tasks");
        long jobs = count("SELECT count(*) FROM app.jobs");
        long started = System.nanoTime();
        ResponseEntity<JsonNode> r = post("/api/pipelines/" + name + "/plan", "{\"parameters\": {\"half\": 50000}}",
                MediaType.APPLICATION_JSON);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        JsonNode plan = r.getBody();
        ArrayNode stages = (ArrayNode) plan.path("stages");
        assertThat(stages.findValuesAsText("name")).containsExactly("one", "two", "each_of_one", "gather", "optional");
        assertThat(stages.get(0).path("tasks").asLong()).isEqualTo(50000);
        assertThat(stages.get(0).path("queue").asText()).isNotBlank();
        assertThat(stages.get(1).path("tasks").asLong()).isEqualTo(50000);
        assertThat(stages.get(2).path("tasks").isNull()).isTrue();
        assertThat(stages.get(2).path("note").asText()).isEqualTo("depends on the results of stage 'one'");
        assertThat(stages.get(3).path("tasks").asLong()).isEqualTo(1);
        assertThat(stages.get(4).path("skipped").asBoolean()).isTrue();
        assertThat(plan.path("total_tasks").asLong()).isEqualTo(100_001);
        assertThat(plan.path("total_exact").asBoolean()).isFalse();
        assertThat(count("SELECT count(*) FROM app.tasks")).isEqualTo(tasks);
        assertThat(count("SELECT count(*) FROM app.jobs")).isEqualTo(jobs);
        System.out.println("plan preview of 100,001 tasks answered in " + millis + " ms");

        // invalid parameters are the submit's 400 with field errors
        ResponseEntity<JsonNode> bad = post("/api/pipelines/" + name + "/plan", "{\"parameters\": {\"half\": -1}}",
                MediaType.APPLICATION_JSON);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody().path("errors").toString()).contains("half");
    }

    @Test
    void onlyAdminsPublishAndSubmittersDraftPlanAndRunPublishedPipelines() {
        String name = name();
        HttpHeaders submitter = as(key(Role.SUBMITTER));
        assertThat(send(HttpMethod.POST, "/api/pipelines", pipeline(name, 2), YAML_TYPE, submitter).getStatusCode().value())
                .isEqualTo(201);
        assertThat(send(HttpMethod.POST, "/api/pipelines/" + name + "/validate", null, null, submitter).getBody()
                .path("valid").asBoolean()).isTrue();
        assertThat(send(HttpMethod.POST, "/api/pipelines/" + name + "/plan", "{\"parameters\": {}}",
                MediaType.APPLICATION_JSON, submitter).getStatusCode().value()).isEqualTo(200);
        assertThat(send(HttpMethod.POST, "/api/pipelines/" + name + "/publish", null, null, submitter)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(send(HttpMethod.POST, "/api/pipelines/" + name + "/publish", null, null, as(key(Role.READER)))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM app.job_definitions WHERE name = ? AND version > 0", name)).isZero();
        assertThat(publish(name)).isEqualTo(1);

        HttpHeaders json = as(key(Role.SUBMITTER));
        json.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> run = http.postForEntity("/api/jobs/submit/" + name,
                new HttpEntity<>("{\"tasks\": 2, \"label\": \"" + unique() + "\"}", json), JsonNode.class);
        assertThat(run.getStatusCode().value()).isEqualTo(202);
        assertThat(awaitEnd(run.getBody().path("job_id").asText(), Duration.ofSeconds(60)).path("status").asText())
                .isEqualTo("completed");
        // a reader sees it listed
        JsonNode list = send(HttpMethod.GET, "/api/pipelines", null, null, as(key(Role.READER))).getBody();
        assertThat(list.path("pipelines").toString()).contains("\"name\":\"" + name + "\"", "\"name\":\"hello_world\"");
    }

    @Test
    void aPipelineCannotShadowABuiltInOrHaveABadName() {
        ResponseEntity<JsonNode> shadow = post("/api/pipelines", pipeline("hello_world", 2), YAML_TYPE);
        assertThat(shadow.getStatusCode().value()).isEqualTo(409);
        assertThat(shadow.getBody().path("errors").get(0).path("path").asText()).isEqualTo("job_type");
        assertThat(shadow.getBody().path("error").asText()).contains("built-in");
        assertThat(post("/api/pipelines", pipeline("Bad Name", 2), YAML_TYPE).getStatusCode().value()).isEqualTo(400);
        assertThat(post("/api/pipelines", "stages: [oops", YAML_TYPE).getStatusCode().value()).isEqualTo(400);
        assertThat(post("/api/pipelines/hello_world/publish", null, null).getStatusCode().value()).isEqualTo(404);
        assertThat(send(HttpMethod.DELETE, "/api/pipelines/hello_world", null, null, null).getStatusCode().value())
                .isEqualTo(409);
        String name = name();
        post("/api/pipelines", pipeline(name, 2), YAML_TYPE);
        assertThat(post("/api/pipelines", pipeline(name, 2), YAML_TYPE).getStatusCode().value()).isEqualTo(409);
        ResponseEntity<JsonNode> renamed = send(HttpMethod.PUT, "/api/pipelines/" + name, pipeline(name(), 2), YAML_TYPE, null);
        assertThat(renamed.getStatusCode().value()).isEqualTo(400);
        assertThat(send(HttpMethod.DELETE, "/api/pipelines/" + name, null, null, null).getStatusCode().value()).isEqualTo(204);
        assertThat(send(HttpMethod.GET, "/api/pipelines/" + name, null, null, null).getStatusCode().value()).isEqualTo(404);
        assertThat(get("/api/pipelines/hello_world").path("builtin").asBoolean()).isTrue();
        assertThat(post("/api/pipelines/hello_world/validate", null, null).getBody().path("errors").toString())
                .contains("may not shadow");
        assertThat(count("SELECT count(*) FROM app.job_definitions WHERE name = 'hello_world'")).isZero();

        // a pipeline's parameters may not hold a regular expression (any submitter may evaluate a draft's schema)
        String patterned = pipeline(name, 2).replace("label: {type: string}", "label: {type: string, pattern: \"^(a+)+$\"}");
        assertThat(post("/api/pipelines/" + name + "/validate", patterned, YAML_TYPE).getBody().path("errors").toString())
                .contains("parameters.properties.label.pattern");
    }

    @Test
    void theTaskTypeCatalogueDescribesEveryHandler() {
        JsonNode types = send(HttpMethod.GET, "/api/task-types", null, null, as(key(Role.READER))).getBody();
        assertThat(types.path("count").asInt()).isGreaterThan(20);
        JsonNode benchmark = null;
        for (JsonNode t : types.path("task_types")) {
            boolean shipped = !handlers.get(t.path("name").asText()).getClass().getName().startsWith("org.geoetl.support.");
            if (shipped) { // the test-only probe handlers need no catalogue text
                assertThat(t.path("description").asText()).as(t.path("name").asText()).isNotBlank();
            }
            assertThat(t.path("queue_class").asText()).isIn("light", "heavy");
            if (t.path("name").asText().equals("benchmark_task")) {
                benchmark = t;
            }
        }
        assertThat(benchmark).isNotNull();
        assertThat(benchmark.path("parameters").path("properties").path("work_ms").path("type").asText()).isEqualTo("integer");
        assertThat(benchmark.path("result").path("properties").path("index").path("type").asText()).isEqualTo("integer");
    }

    /** POSTs a job to another service process (its own broker and workers, this database). */
    private String submitTo(org.geoetl.support.ServiceProcess other, String jobType, String params) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(other.url() + "/api/jobs/submit/" + jobType))
                        .header("Content-Type", "application/json").header("X-API-Key", other.adminKey())
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(params)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return mapper.readTree(r.body()).path("job_id").asText();
    }

    @Test
    void anotherProcessRunsVersionsPublishedAfterItStarted() throws Exception {
        try (org.geoetl.support.ServiceProcess other = new org.geoetl.support.ServiceProcess("pipelines-other")) {
            other.start();
            String name = name();
            post("/api/pipelines", pipeline(name, 2), YAML_TYPE);
            publish(name); // here, after the other process started
            String params = "{\"tasks\": 2, \"label\": \"" + unique() + "\"}";
            String v1 = submitTo(other, name, params);
            assertThat(awaitEnd(v1, Duration.ofSeconds(90)).path("status").asText()).isEqualTo("completed");

            send(HttpMethod.PUT, "/api/pipelines/" + name, pipeline(name, 3), YAML_TYPE, null);
            publish(name);
            String v2 = submitTo(other, name, params);
            assertThat(awaitEnd(v2, Duration.ofSeconds(90)).path("status").asText()).isEqualTo("completed");
            assertThat(jdbc.queryForList("SELECT definition_version FROM app.jobs WHERE job_id IN (?, ?) ORDER BY definition_version",
                    Integer.class, v1, v2)).containsExactly(1, 2);
            assertThat(count("SELECT count(*) FROM app.job_stages WHERE job_id = ?", v2)).isEqualTo(3);
            // the other process ran them: its workers claimed the tasks
            assertThat(count("""
                    SELECT count(*) FROM app.tasks t JOIN app.worker_instances w ON w.instance_id = t.executed_by
                     WHERE t.parent_job_id = ? AND w.pid = ?""", v2, other.pid())).isEqualTo(5);
        }
    }
}
