package org.geoetl.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.gdal.ogr.DataSource;
import org.gdal.ogr.Feature;
import org.gdal.ogr.FieldDefn;
import org.gdal.ogr.Layer;
import org.gdal.ogr.ogr;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a hostile-input run against the service found, one class per test, then a scan of every
 * answer and every log line of the run for secrets, stack traces and internals — and a check that
 * the service is alive, its tables intact and nothing was written outside the storage root.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT extends EngineTestSupport {

    private static final List<String> ANSWERS = new ArrayList<>();
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    private static Set<String> tablesBefore;
    private static Set<String> outsideBefore;

    @Autowired
    GeoEtlProperties properties;
    @Autowired
    StorageAccounts accounts;

    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void captureLogs() {
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
    }

    @AfterAll
    static void releaseLogs() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
    }

    private Set<String> tables() {
        return new TreeSet<>(jdbc.queryForList("SELECT schemaname || '.' || tablename FROM pg_tables"
                + " WHERE schemaname IN ('app', 'stac', 'public')", String.class));
    }

    private static Set<String> outsideStorage() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("it-")
                    && !n.endsWith("-reports") && !n.equals("work") && !n.equals("test-artemis")
                    && !n.equals("test-storage")).toList()); // the storage root itself
        }
    }

    /** Sends exactly this request (no client-side normalisation) and keeps the answer for the final scan. */
    private HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.getRootUri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("X-API-Key") && !headers.containsKey("Authorization") && !headers.containsKey("none")) {
            b.header("X-API-Key", adminKey());
        }
        headers.forEach((k, v) -> {
            if (!k.equals("none")) {
                b.header(k, v);
            }
        });
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        ANSWERS.add(r.statusCode() + " " + r.headers().map() + " " + r.body());
        return r;
    }

    private int status(String method, String path) throws Exception {
        return send(method, path, Map.of(), null).statusCode();
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        return mapper.readTree(r.body());
    }

    @Test
    @Order(1)
    void snapshot() throws Exception {
        tablesBefore = tables();
        outsideBefore = outsideStorage();
        assertThat(tablesBefore).contains("app.jobs", "app.tasks", "app.api_keys", "app.audit_log");
    }

    @Test
    @Order(2)
    void linksComeFromThePublicUrlNeverFromHostHeadersOrQueryParameters() throws Exception {
        HttpResponse<String> r = send("GET", "/api/stac?Host=evil.example&CamelHttpResponseCode=299",
                Map.of("X-Forwarded-Host", "evil.example", "Forwarded", "host=evil.example"), null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode links = json(r).path("links");
        assertThat(links.size()).isGreaterThan(3);
        links.forEach(l -> assertThat(l.path("href").asText()).startsWith(properties.publicUrl()));
        assertThat(r.body()).doesNotContain("evil.example");
        JsonNode doc = json(send("GET", "/api/openapi.json", Map.of("X-Forwarded-Host", "evil.example"), null));
        assertThat(doc.path("servers").get(0).path("url").asText()).isEqualTo(properties.publicUrl());
        // no origin is allowed to call the API from a browser unless configured
        HttpResponse<String> preflight = send("OPTIONS", "/api/jobs/submit/hello_world", Map.of("none", "",
                "Origin", "https://evil.example", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type,x-api-key"), null);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.statusCode()).isNotEqualTo(200);
        // a query parameter named like a route's own header changes nothing
        assertThat(send("POST", "/api/janitor/run?geoetlJanitorTrigger=evil", Map.of(), null).body()).doesNotContain("evil");
    }

    @Test
    @Order(3)
    void malformedParametersAre400NotServerErrors() throws Exception {
        String job = submit("hello_world", "{\"n\": 4}").getBody().path("job_id").asText();
        for (String path : List.of("/api/jobs?limit=abc", "/api/jobs?limit=99999999999", "/api/jobs?limit=4294967297",
                "/api/jobs?offset=-1", "/api/jobs/" + job + "/events?after=yesterday", "/api/jobs/" + job + "/tasks?stage=x",
                "/api/stac/search?limit=abc", "/api/stac/search?bbox=NaN,0,1,1", "/api/stac/search?bbox=1e999,0,1,1",
                "/api/stac/search?intersects=notjson", "/api/stac/search?intersects=%7B%22type%22%3A%22Point%22%7D",
                "/api/stac/search?datetime=soon", "/api/stac/search?include_unpublished=maybe",
                "/api/admin/audit?after=yesterday", "/api/approvals?limit=x", "/api/storage/bronze?limit=x",
                "/api/janitor/runs?limit=1e3")) {
            HttpResponse<String> r = send("GET", path, Map.of(), null);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(json(r).path("error_id").asText()).as(path).startsWith("err-");
        }
        Map<String, String> asJson = Map.of("Content-Type", "application/json");
        for (String body : List.of("{\"limit\": 1e10}", "{\"limit\": \"x\"}", "{\"limit\": 2.5}", "{\"bbox\": [\"NaN\", 0, 1, 1]}",
                "[1, 2]", "{\"collections\": ")) {
            assertThat(send("POST", "/api/stac/search", asJson, body).statusCode()).as(body).isEqualTo(400);
        }
    }

    @Test
    @Order(4)
    void bodiesMustBeBoundedJsonWhateverTheClientClaims() throws Exception {
        String submit = "/api/jobs/submit/hello_world";
        assertThat(send("POST", submit, Map.of("Content-Type", "application/json"), "{\"n\":").statusCode()).isEqualTo(400);
        assertThat(send("POST", submit, Map.of("Content-Type", "text/plain"), "{\"n\": 1}").statusCode()).isEqualTo(415);
        assertThat(send("POST", submit, Map.of("Content-Type", "application/x-www-form-urlencoded"), "n=1").statusCode())
                .isEqualTo(415);
        assertThat(send("POST", submit, Map.of(), "{\"n\": 1}").statusCode()).isEqualTo(415);
        String big = "{\"n\": 1, \"pad\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertThat(send("POST", submit, Map.of("Content-Type", "application/json"), big).statusCode()).isEqualTo(413);
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(send("POST", "/api/stac/search", Map.of("Content-Type", "application/json"), deep).statusCode()).isEqualTo(400);
        // no Content-Length (chunked): counted while read
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(http.getRootUri() + submit))
                .header("X-API-Key", adminKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> r = client.send(chunked, HttpResponse.BodyHandlers.ofString());
        ANSWERS.add(r.statusCode() + " " + r.body());
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    @Order(5)
    void storageNamesAndPlacesAreChecked() throws Exception {
        Map<String, String> bytes = Map.of("Content-Type", "application/octet-stream");
        String base = "/api/storage/bronze/hostile/" + unique();
        assertThat(send("PUT", base + "/" + "x".repeat(300), bytes, "x").statusCode()).isEqualTo(400);
        assertThat(send("PUT", base + "/%EF%BC%8E%EF%BC%8E/x", bytes, "x").statusCode()).isEqualTo(400); // fullwidth ..
        assertThat(send("PUT", base + "/a%E2%88%95b", bytes, "x").statusCode()).isEqualTo(400); // division slash
        assertThat(send("PUT", "/api/storage/bronze/PG:dbname=geoetl", bytes, "x").statusCode()).isEqualTo(400);
        assertThat(send("PUT", base + "/a%00b", bytes, "x").statusCode()).isEqualTo(400);
        assertThat(send("PUT", base + "/dir/file.txt", bytes, "x").statusCode()).isEqualTo(201);
        assertThat(send("PUT", base + "/dir", bytes, "x").statusCode()).isEqualTo(409);
        assertThat(send("PUT", base + "/dir/file.txt/below", bytes, "x").statusCode()).isEqualTo(409);
        assertThat(send("GET", base + "/dir/file.txt", Map.of(), null).body()).isEqualTo("x");
    }

    @Test
    @Order(6)
    void pausingAQueueAnswersAtOnceWhileItsTasksFinish() throws Exception {
        String job = submit("benchmark_fanout", "{\"tasks\": 2, \"work_ms\": "
                + (4000 + new java.util.Random().nextInt(1000)) + "}")
                .getBody().path("job_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'processing'", job) > 0);
        try {
            JsonNode answer = json(send("POST", "/api/queues/functionapp-tasks/pause", Map.of(), null));
            assertThat(answer.path("consumption").asText()).isEqualTo("pausing");
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    get("/api/queues").path("queues").path("functionapp-tasks").asText().equals("paused"));
        } finally {
            send("POST", "/api/queues/functionapp-tasks/resume", Map.of(), null);
        }
        assertThat(awaitEnd(job, Duration.ofSeconds(60)).path("status").asText()).isEqualTo("completed");
    }

    private void upload(String blob, Path file) throws Exception {
        try (var in = Files.newInputStream(file)) {
            accounts.get("local").put("bronze", blob, in, Long.MAX_VALUE, null);
        }
    }

    @Test
    @Order(7)
    void aTinyFileWithHugeFeatureIdsIsPlannedByWhatItHolds() throws Exception {
        Path file = Files.createTempDirectory("hostile").resolve("sparse.gpkg");
        ogr.RegisterAll();
        DataSource ds = ogr.GetDriverByName("GPKG").CreateDataSource(file.toString());
        org.gdal.osr.SpatialReference wgs84 = new org.gdal.osr.SpatialReference();
        wgs84.ImportFromEPSG(4326);
        Layer layer = ds.CreateLayer("sparse", wgs84, ogr.wkbPoint);
        layer.CreateField(new FieldDefn("name", ogr.OFTString));
        for (long fid : new long[] {1, 1L << 62}) {
            Feature f = new Feature(layer.GetLayerDefn());
            f.SetFID(fid);
            f.SetField("name", "f" + fid);
            f.SetGeometry(ogr.CreateGeometryFromWkt("POINT (1 2)"));
            layer.CreateFeature(f);
            f.delete();
        }
        ds.delete();
        String blob = "hostile/" + unique() + "/sparse.gpkg";
        upload(blob, file);
        String table = "sparse_" + unique().substring(0, 8);
        String job = submit("process_vector", "{\"blob_name\": \"" + blob + "\", \"table_name\": \"" + table + "\"}")
                .getBody().path("job_id").asText();
        JsonNode end = awaitEnd(job, Duration.ofSeconds(60));
        assertThat(end.path("status").asText()).isEqualTo("completed");
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ?", job)).isLessThan(10);
        assertThat(count("SELECT count(*) FROM geo.\"" + table + "\"")).isEqualTo(2);
        assertThat(status("GET", "/readyz")).isEqualTo(200);
    }

    @Test
    @Order(8)
    void aFileTooWideForATableFailsOnceWithAReasonAndNoSql() throws Exception {
        StringBuilder props = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            props.append(i == 0 ? "" : ",").append("\"attr_").append(i).append("\": ").append(i);
        }
        String geojson = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{" + props
                + "},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}";
        String blob = "hostile/" + unique() + "/wide.geojson";
        accounts.get("local").put("bronze", blob, new ByteArrayInputStream(geojson.getBytes(StandardCharsets.UTF_8)),
                Long.MAX_VALUE, null);
        String job = submit("process_vector", "{\"blob_name\": \"" + blob + "\", \"table_name\": \"wide_"
                + unique().substring(0, 8) + "\"}").getBody().path("job_id").asText();
        JsonNode end = awaitEnd(job, Duration.ofSeconds(60));
        assertThat(end.path("status").asText()).isEqualTo("failed");
        assertThat(end.toString()).contains("2000 attributes").doesNotContain("CREATE", "INSERT");
        assertThat(count("SELECT max(attempts) FROM app.tasks WHERE parent_job_id = ?", job)).isEqualTo(1);
        String events = get("/api/jobs/" + job + "/events").toString();
        assertThat(events).doesNotContain("CREATE TABLE").doesNotContain("/work/");
        ANSWERS.add(events);
        ANSWERS.add(get("/api/jobs/" + job + "/tasks").toString());
    }

    @Test
    @Order(9)
    void internalsStayInternal() throws Exception {
        String tasks = get("/api/jobs?limit=5").toString();
        assertThat(tasks).doesNotContain("@");
        JsonNode anyTask = jdbc.queryForList("SELECT parent_job_id FROM app.tasks WHERE executed_by IS NOT NULL LIMIT 1", String.class)
                .stream().findFirst().map(j -> get("/api/jobs/" + j + "/tasks")).orElseThrow();
        assertThat(anyTask.toString()).doesNotContain(java.net.InetAddress.getLocalHost().getHostName() + "\"")
                .doesNotContain(ProcessHandle.current().pid() + "@");
        HttpResponse<String> asReader = send("GET", "/health", Map.of("X-API-Key", key(Role.READER)), null);
        assertThat(asReader.body()).doesNotContain("PostgreSQL 1").doesNotContain("Artemis").doesNotContain("GDAL 3");
        HttpResponse<String> asOperator = send("GET", "/health", Map.of("X-API-Key", key(Role.OPERATOR)), null);
        assertThat(asOperator.body()).contains("PostgreSQL");
        assertThat(send("GET", "/nowhere", Map.of(), null).body()).contains("error_id").doesNotContain("/nowhere\"");
    }

    @Test
    @Order(100)
    void noAnswerAndNoLogLineCarriesASecretAndNoAnswerAStackTrace() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(adminKey(), key(Role.READER), key(Role.OPERATOR),
                TestIdentityProvider.get().token("x", List.of()).split("\\.")[2]));
        properties.storage().accounts().values().stream().map(a -> a.connectionString()).filter(c -> c != null)
                .forEach(c -> secrets.add(c.replaceAll(".*AccountKey=([^;]+).*", "$1")));
        assertThat(ANSWERS).hasSizeGreaterThan(40);
        for (String answer : ANSWERS) {
            for (String s : secrets) {
                assertThat(answer).doesNotContain(s);
            }
            assertThat(answer).doesNotContainPattern("\\bat (org|java|com)\\.[\\w.$]+\\(").doesNotContain("Exception:")
                    .doesNotContain("jdbc:").doesNotContain("SELECT ").doesNotContain("/work/main");
        }
        for (ILoggingEvent e : List.copyOf(LOG.list)) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            for (String s : secrets) {
                assertThat(line).doesNotContain(s);
            }
        }
        assertThat(status("GET", "/readyz")).isEqualTo(200);
        assertThat(tables()).containsAll(tablesBefore);
        assertThat(outsideStorage()).isEqualTo(outsideBefore);
    }
}
