package org.geoetl.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.geoetl.support.ServiceProcess;
import org.geoetl.support.VectorFixtures;
import org.junit.jupiter.api.Test;

/**
 * Two databases (seed EN2) with the service as a process: the app database geoetl_test_rebuild
 * (its own, since this test rebuilds it) and the business database geoetl_test_business, written by
 * geoetl_writer, which may create tables in schema geo but owns no schema (make setup's grants).
 */
class BusinessDatabaseIT {

    private static final String APP = "jdbc:postgresql://localhost:5432/geoetl_test_rebuild";
    private static final String BUSINESS = "jdbc:postgresql://localhost:5432/geoetl_test_business";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void outputTablesLiveOnlyInTheBusinessDatabaseAndSurviveARebuildOfTheAppDatabase() throws Exception {
        String root = Path.of("target", "test-storage").toAbsolutePath().toString();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String blob = "business/" + run + "/sites.geojson";
        VectorFixtures.write(Path.of(root, "bronze", blob), "GeoJSON", "sites", 4326, List.of("name"), List.of(
                new VectorFixtures.Row("POINT (10 45)", Map.of("name", "a")),
                new VectorFixtures.Row("POINT (11 46)", Map.of("name", "b")),
                new VectorFixtures.Row("POINT (12 47)", Map.of("name", "c"))));
        String table = "biz_" + run;
        try (ServiceProcess service = new ServiceProcess("business-db", "--geoetl.storage.accounts.local.root=" + root,
                "--geoetl.worker.work-dir=target/work-business", "--geoetl.business-db.url=" + BUSINESS,
                "--geoetl.business-db.username=geoetl_writer", "--geoetl.janitor.cron=0/5 * * * * ?")
                .appDatabase(APP).environment("GEOETL_BUSINESS_DB_PASSWORD", "geoetl_writer")) {
            service.start();
            String job = call(service, "POST", "/api/jobs/submit/process_vector",
                    Map.of("blob_name", blob, "table_name", table), 202).path("job_id").asText();
            awaitCompleted(service, job);

            assertThat(rows(BUSINESS, "geo", table)).as("the output table, in the business database").isEqualTo(3);
            assertThat(exists(APP, "geo", table)).as("and not in the app database").isFalse();
            assertThat(call(service, "GET", "/api/preview/tables/geo/" + table, null, 200).path("features").size())
                    .as("previews read the business database").isEqualTo(3);
            JsonNode health = call(service, "GET", "/api/cleanup/metadata-health", null, 200);
            assertThat(issues(health, "tables_without_catalog")).noneMatch(i -> table.equals(i.path("table").asText()));
            assertThat(issues(health, "catalog_without_tables")).noneMatch(i -> table.equals(i.path("table").asText()));

            JsonNode ensure = call(service, "POST", "/api/dbadmin/maintenance?action=ensure&confirm=yes", null, 200);
            assertThat(ensure.path("migrations_applied").asInt()).isZero();
            assertThat(ensure.path("output_schemas").path("geo").asText()).isEqualTo("present");
            assertThat(call(service, "POST", "/api/dbadmin/maintenance?action=rebuild", null, 400).path("error").asText())
                    .contains("confirm=yes");

            JsonNode rebuilt = call(service, "POST", "/api/dbadmin/maintenance?action=rebuild&confirm=yes", null, 200);
            assertThat(rebuilt.path("migrations_applied").asInt()).as(rebuilt.toString()).isGreaterThan(10);
            assertThat(rows(BUSINESS, "geo", table)).as("the rebuild left the output table alone").isEqualTo(3);
            assertThat(count(APP, "SELECT count(*) FROM app.jobs")).as("the app database was rebuilt").isZero();
            // the admin key was seeded again; the catalog is gone, so the table is reported uncatalogued
            health = call(service, "GET", "/api/cleanup/metadata-health", null, 200);
            assertThat(issues(health, "tables_without_catalog")).anyMatch(i -> table.equals(i.path("table").asText()));
            // the scheduler's tables came back with every trigger (janitor, consistency check, curated schedules)
            assertThat(rebuilt.path("schedules_restored").asInt()).isGreaterThanOrEqualTo(5);
            assertThat(count(APP, "SELECT count(*) FROM quartz.qrtz_triggers")).isEqualTo(rebuilt.path("schedules_restored").asInt());
            long fired = count(APP, "SELECT count(*) FROM app.janitor_runs");
            await().atMost(Duration.ofSeconds(30)).until(() -> count(APP, "SELECT count(*) FROM app.janitor_runs") > fired);

            String again = call(service, "POST", "/api/jobs/submit/benchmark_fanout",
                    Map.of("tasks", 3, "label", run), 202).path("job_id").asText();
            awaitCompleted(service, again);
            JsonNode cleaned = call(service, "POST", "/api/dbadmin/maintenance?action=cleanup&confirm=yes&days=1", null, 200);
            assertThat(cleaned.path("jobs_deleted").asInt()).as("a job finished just now is kept").isZero();
        }
    }

    private static List<JsonNode> issues(JsonNode health, String check) {
        for (JsonNode c : health.path("checks")) {
            if (check.equals(c.path("name").asText())) {
                List<JsonNode> out = new java.util.ArrayList<>();
                c.path("issues").forEach(out::add);
                return out;
            }
        }
        throw new AssertionError("no check " + check + " in " + health);
    }

    private JsonNode call(ServiceProcess service, String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url() + path)).header("X-API-Key", service.adminKey())
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return JSON.readTree(r.body());
    }

    private void awaitCompleted(ServiceProcess service, String jobId) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String status = call(service, "GET", "/api/jobs/status/" + jobId, null, 200).path("status").asText();
            assertThat(status).isNotIn("failed", "cancelled");
            return "completed".equals(status);
        });
    }

    private static boolean exists(String url, String schema, String table) throws Exception {
        return count(url, "SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = '" + table + "'") > 0;
    }

    private static long rows(String url, String schema, String table) throws Exception {
        return exists(url, schema, table) ? count(url, "SELECT count(*) FROM " + schema + ".\"" + table + "\"") : -1;
    }

    private static long count(String url, String sql) throws Exception {
        String user = url.equals(BUSINESS) ? "geoetl_writer" : "geoetl";
        try (Connection c = DriverManager.getConnection(url, user, user.equals("geoetl") ? "geoetl" : "geoetl_writer");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
