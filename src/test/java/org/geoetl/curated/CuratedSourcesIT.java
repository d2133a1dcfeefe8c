package org.geoetl.curated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.geoetl.support.AcledReplayServer;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.IbatReplayServer;
import org.geoetl.support.MutableClock;
import org.geoetl.support.ServiceProcess;
import org.geoetl.support.VectorFixtures;
import org.junit.jupiter.api.Test;

/**
 * The IBAT and ACLED sources end to end, against local servers replaying their APIs, in a service
 * process that has the credentials in its environment (as production would): ACLED's first load,
 * an incremental run after changes, additions and deletions (exact counts, the table equal to the
 * replay's state), a run with nothing new skipped — through a 429 with Retry-After, a 500 and an
 * expired token; IBAT's WDPA as a zipped GeoPackage; a download link to a link-local address
 * refused. The secrets appear in no log line, response or database row.
 */
class CuratedSourcesIT extends EngineTestSupport {

    private static final String EMAIL = "analyst@example.org";
    private static final String PASSWORD = "acled-pw-" + unique();
    private static final String IBAT_KEY = "ibat-key-" + unique();
    private static final String IBAT_TOKEN = "ibat-token-" + unique();

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> responses = new ArrayList<>();

    private JsonNode call(ServiceProcess s, String method, String path, String body) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(s.url() + path))
                .header("X-API-Key", s.adminKey()).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        responses.add(r.body());
        return mapper.readTree(r.body());
    }

    private JsonNode run(ServiceProcess s, String id) throws Exception {
        // a manual run's identity is its request second (a double click is one run): start in a new one
        long second = Instant.now().getEpochSecond();
        await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().getEpochSecond() > second);
        String job = call(s, "POST", "/api/curated/datasets/" + id + "/update", "{}").path("job_id").asText();
        assertThat(job).isNotBlank();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String st = call(s, "GET", "/api/jobs/status/" + job, null).path("status").asText();
            return st.equals("completed") || st.equals("failed");
        });
        return call(s, "GET", "/api/jobs/status/" + job, null);
    }

    private static JsonNode result(JsonNode status) {
        return status.path("resultData").path("results").path(0);
    }

    @Test
    void acledIncrementalRunsAndIbatArchivesWithSecretsKeptOut() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (AcledReplayServer acled = new AcledReplayServer(clock, EMAIL, PASSWORD);
             IbatReplayServer ibat = new IbatReplayServer(IBAT_KEY, IBAT_TOKEN)) {
            for (int i = 0; i < 120; i++) {
                acled.add("NIG" + (10000 + i), "2026-11-" + String.format("%02d", 1 + i % 28), 9 + i * 0.01, 8 + i * 0.01);
            }
            ibat.release("wdpa", "2026-11-01");
            ibat.offer("wdpa", "gpkg", zippedGeoPackage(), "application/zip");
            ServiceProcess service = new ServiceProcess("curated-sources",
                    "--geoetl.curated.acled.base-url=" + acled.baseUrl(), "--geoetl.curated.ibat.base-url=" + ibat.apiBaseUrl(),
                    "--geoetl.curated.acled.page-size=50", "--geoetl.curated.retry.base-delay=100ms",
                    "--geoetl.curated.retry.max-delay=2s", "--geoetl.outbound.allowed-schemes=http,https",
                    "--geoetl.outbound.allowed-hosts=127.0.0.1", "--geoetl.outbound.allowed-private-hosts=127.0.0.1",
                    "--geoetl.roles.scheduler=false", "--geoetl.janitor.enabled=false")
                    .environment("ACLED_EMAIL", EMAIL).environment("ACLED_PASSWORD", PASSWORD)
                    .environment("WDPA_AUTH_KEY", IBAT_KEY).environment("WDPA_AUTH_TOKEN", IBAT_TOKEN);
            try (service) {
                service.start();
                jdbc.execute("DROP TABLE IF EXISTS geo.curated_acled_events");
                jdbc.update("UPDATE app.curated_datasets SET source_version = NULL WHERE dataset_id IN ('acled', 'wdpa')");

                // first run, through a 429 (Retry-After: 1) and a 500 on the way
                acled.throttleNext(1, "1");
                acled.failNext(1, 500);
                JsonNode first = run(service, "acled");
                assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("completed");
                assertThat(result(first).path("counts").path("inserted").asLong()).isEqualTo(120);
                assertThat(count("SELECT count(*) FROM geo.curated_acled_events")).isEqualTo(120);

                // the replay changes: 10 updated, 15 added, 5 withdrawn; the access token has expired
                clock.advance(Duration.ofMinutes(5));
                for (int i = 0; i < 10; i++) {
                    acled.update("NIG" + (10000 + i), "fatalities", "7");
                }
                for (int i = 0; i < 15; i++) {
                    acled.add("NIG" + (20000 + i), "2026-11-30", 10.5, 7.5);
                }
                for (int i = 100; i < 105; i++) {
                    acled.delete("NIG" + (10000 + i));
                }
                acled.revokeAccessTokens();
                JsonNode second = run(service, "acled");
                JsonNode counts = result(second).path("counts");
                assertThat(counts.path("inserted").asLong()).as(second.toString()).isEqualTo(15);
                assertThat(counts.path("updated").asLong()).isEqualTo(10);
                assertThat(counts.path("deleted").asLong()).isEqualTo(5);
                assertThat(counts.path("unchanged").asLong())
                        .isEqualTo(counts.path("events_fetched").asLong() - 25);
                assertThat(count("SELECT count(*) FROM geo.curated_acled_events")).isEqualTo(acled.size()).isEqualTo(130);
                assertThat(count("SELECT count(*) FROM geo.curated_acled_events WHERE event_id_cnty BETWEEN 'NIG10100'"
                        + " AND 'NIG10104'")).isZero();
                assertThat(count("SELECT count(*) FROM geo.curated_acled_events WHERE fatalities = 7")).isEqualTo(10);
                assertThat(count("SELECT count(*) FROM geo.curated_acled_events WHERE NOT ST_IsValid(geom)"
                        + " OR ST_SRID(geom) <> 4326")).isZero();

                // nothing new: skipped, nothing written
                clock.advance(Duration.ofMinutes(5));
                JsonNode third = run(service, "acled");
                assertThat(result(third).path("outcome").asText()).as(third.toString()).isEqualTo("skipped");

                // IBAT WDPA: the zipped GeoPackage, inspected like any upload, swapped in whole
                JsonNode wdpa = run(service, "wdpa");
                assertThat(wdpa.path("status").asText()).as(wdpa.toString()).isEqualTo("completed");
                assertThat(count("SELECT count(*) FROM geo.curated_wdpa_protected_areas")).isEqualTo(3);
                assertThat(call(service, "GET", "/api/curated/datasets/wdpa", null).path("source_version").asText())
                        .isEqualTo("ibat:2026-11-01/gpkg");
                // a new release whose link points at the cloud metadata address: refused, nothing changes
                ibat.release("wdpa", "2026-12-01");
                ibat.offer("wdpa", "gpkg", zippedGeoPackage(), "application/zip");
                ibat.downloadUrl("wdpa", "gpkg", "http://169.254.169.254/latest/meta-data/");
                JsonNode refused = run(service, "wdpa");
                assertThat(refused.path("status").asText()).isEqualTo("failed");
                assertThat(refused.toString()).doesNotContain("169.254.169.254/latest");
                assertThat(count("SELECT count(*) FROM geo.curated_wdpa_protected_areas")).isEqualTo(3);
                assertThat(call(service, "GET", "/api/curated/datasets/wdpa/history", null).path("updates").path(0)
                        .path("status").asText()).isEqualTo("failed");
            }
            String log = Files.readString(service.log());
            for (String secret : List.of(PASSWORD, IBAT_KEY, IBAT_TOKEN)) {
                assertThat(log).as("service log").doesNotContain(secret);
                assertThat(String.join("\n", responses)).as("responses").doesNotContain(secret);
                for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'app' AND table_type = 'BASE TABLE'", String.class)) {
                    assertThat(count("SELECT count(*) FROM app." + table + " t WHERE t::text LIKE ?", "%" + secret + "%"))
                            .as("app." + table).isZero();
                }
            }
            // the password went in the token request's form body, never in a URL
            assertThat(acled.requests().stream().noneMatch(r -> r.requestLine().contains(PASSWORD))).isTrue();
        }
    }

    /** Three protected areas as a GeoPackage, zipped with a read-me beside it, as IBAT ships them. */
    private static byte[] zippedGeoPackage() throws Exception {
        Path gpkg = Path.of("target", "fixtures", "wdpa-" + unique() + ".gpkg");
        VectorFixtures.write(gpkg, "GPKG", "WDPA_poly", 4326, List.of("wdpaid", "name", "iucn_cat"), List.of(
                new VectorFixtures.Row("POLYGON((30 -2, 31 -2, 31 -1, 30 -1, 30 -2))", Map.of("wdpaid", 1, "name", "A", "iucn_cat", "II")),
                new VectorFixtures.Row("POLYGON((32 -2, 33 -2, 33 -1, 32 -1, 32 -2))", Map.of("wdpaid", 2, "name", "B", "iucn_cat", "IV")),
                new VectorFixtures.Row("POLYGON((34 -2, 35 -2, 35 -1, 34 -2))", Map.of("wdpaid", 3, "name", "C", "iucn_cat", "Ia"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("WDPA_Nov2026_Public/README.txt"));
            zip.write("World Database on Protected Areas".getBytes());
            zip.putNextEntry(new ZipEntry("WDPA_Nov2026_Public/WDPA_Nov2026_Public.gpkg"));
            zip.write(Files.readAllBytes(gpkg));
        }
        return out.toByteArray();
    }
}
