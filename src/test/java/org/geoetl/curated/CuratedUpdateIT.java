package org.geoetl.curated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * curated_dataset_update on real data: Natural Earth countries and provinces from the GeoPackage
 * make setup installed, loaded through process_vector's handlers; a second run finds the file
 * unchanged and skips; a forced reload swaps the table while a reader counts it in a loop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CuratedUpdateIT extends EngineTestSupport {

    private ResponseEntity<JsonNode> update(String id, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/api/curated/datasets/" + id + "/update", new HttpEntity<>(body, headers),
                JsonNode.class);
    }

    private JsonNode run(String id, String body) {
        // a manual run's identity is its request second (a double click is one run): start in a new one
        long second = java.time.Instant.now().getEpochSecond();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2))
                .until(() -> java.time.Instant.now().getEpochSecond() > second);
        ResponseEntity<JsonNode> r = update(id, body);
        assertThat(r.getStatusCode().value()).as(r.toString()).isEqualTo(202);
        JsonNode done = awaitEnd(r.getBody().path("job_id").asText(), Duration.ofMinutes(3));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        return done.path("resultData").path("results").path(0);
    }

    @Test
    @Order(1)
    void naturalEarthCountriesAndProvincesLoadWhole() {
        JsonNode countries = run("admin0", "{\"force_update\": true}");
        assertThat(countries.path("outcome").asText()).isEqualTo("updated");
        assertThat(countries.path("counts").path("features_read").asLong()).isEqualTo(240);
        assertThat(countries.path("counts").path("features_rejected").asLong()).isZero();
        assertThat(count("SELECT count(*) FROM geo.curated_admin0")).isEqualTo(240);
        assertThat(count("SELECT count(*) FROM geo.curated_admin0 WHERE NOT ST_IsValid(geom) OR ST_SRID(geom) <> 4326"))
                .isZero();
        JsonNode provinces = run("admin1", "{\"force_update\": true}");
        assertThat(provinces.path("counts").path("features_read").asLong()).isEqualTo(4556);
        assertThat(count("SELECT count(*) FROM geo.curated_admin1")).isEqualTo(4556);
        assertThat(count("SELECT count(*) FROM geo.curated_admin1 WHERE NOT ST_IsValid(geom) OR ST_SRID(geom) <> 4326"))
                .isZero();
        JsonNode entry = get("/api/curated/datasets/admin0");
        assertThat(entry.path("source_version").asText()).startsWith("sha256:").endsWith("#countries");
        assertThat(entry.path("last_job_id").asText()).isNotBlank();
        // the table is catalogued like any vector: metadata, an unpublished STAC item, an approval
        assertThat(count("SELECT count(*) FROM stac.items WHERE id = 'postgis-geo-curated_admin0'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM app.dataset_approvals WHERE job_id = ?", entry.path("last_job_id").asText()))
                .isEqualTo(1);
    }

    @Test
    @Order(2)
    void anUnchangedSourceIsSkippedAndChangesNothing() {
        String before = get("/api/curated/datasets/admin0").path("last_job_id").asText();
        JsonNode skipped = run("admin0", "");
        assertThat(skipped.path("outcome").asText()).isEqualTo("skipped");
        assertThat(skipped.path("reason").asText()).contains("unchanged");
        JsonNode entry = get("/api/curated/datasets/admin0");
        assertThat(entry.path("last_job_id").asText()).isEqualTo(before);
        JsonNode last = get("/api/curated/datasets/admin0/history").path("updates").path(0);
        assertThat(last.path("status").asText()).isEqualTo("skipped");
        assertThat(last.path("update_type").asText()).isEqualTo("manual");
        // a dry run reports what it would do and writes no data either
        JsonNode dry = run("admin1", "{\"dry_run\": true, \"force_update\": true}");
        assertThat(dry.path("outcome").asText()).isEqualTo("skipped");
        assertThat(dry.path("reason").asText()).startsWith("dry run: would update");
        assertThat(count("SELECT count(*) FROM geo.curated_admin1")).isEqualTo(4556);
    }

    @Test
    @Order(3)
    void readersSeeTheOldTableOrTheWholeNewOneDuringTheSwap() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    seen.add(jdbc.queryForObject("SELECT count(*) FROM geo.curated_admin1", Long.class));
                } catch (Throwable t) {
                    errors.add(t);
                }
            }
        });
        reader.start();
        try {
            JsonNode reloaded = run("admin1", "{\"force_update\": true}");
            assertThat(reloaded.path("outcome").asText()).isEqualTo("updated");
        } finally {
            stop.set(true);
            reader.join();
        }
        assertThat(errors).isEmpty();
        assertThat(seen).hasSizeGreaterThan(10).containsOnly(4556L);
    }

    @Test
    @Order(4)
    void missingCredentialsAre400sNamingTheVariables() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("WDPA_AUTH_KEY") == null);
        String jobs = "SELECT count(*) FROM app.jobs WHERE job_type = 'curated_dataset_update'"
                + " AND parameters->>'dataset_id' = 'wdpa'"; // other tests' service processes have credentials
        long before = count(jobs);
        ResponseEntity<JsonNode> r = update("wdpa", "");
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().path("error").asText() + r.getBody()).contains("WDPA_AUTH_KEY", "WDPA_AUTH_TOKEN");
        assertThat(count(jobs)).isEqualTo(before);
        assertThat(update("no-such-dataset", "").getStatusCode().value()).isEqualTo(404);
        assertThat(update("admin0", "{\"force\": true}").getStatusCode().value()).isEqualTo(400);
    }
}
