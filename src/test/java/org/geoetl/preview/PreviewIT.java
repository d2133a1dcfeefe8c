package org.geoetl.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.geoetl.security.Role;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.VectorFixtures;
import org.geoetl.support.VectorFixtures.Row;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** The dashboard's reads: a job's outputs, a table's features with the cap, the basemap, /api/me, the page itself. */
class PreviewIT extends EngineTestSupport {

    @Autowired
    StorageAccounts accounts;

    @Test
    void aLoadedTableIsPreviewedAsGeoJsonUpToTheCapAndOnlyWhenCatalogued() throws Exception {
        Path file = VectorFixtures.write(Path.of("target", "vector-fixtures", unique() + ".geojson"), "GeoJSON", "sites", 4326,
                List.of("name"), List.of(new Row("POINT (10 45)", Map.of("name", "a")), new Row("POINT (11 46)", Map.of("name", "b")),
                        new Row("POINT (12 47)", Map.of("name", "c"))));
        String blob = "preview/" + unique() + "/sites.geojson";
        accounts.get("local").put("bronze", blob, Files.newInputStream(file), Long.MAX_VALUE, null);
        String table = "pv_" + unique().replace("-", "").substring(0, 12);
        String jobId = submit("process_vector", "{\"blob_name\": \"" + blob + "\", \"table_name\": \"" + table + "\"}")
                .getBody().path("job_id").asText();
        assertThat(awaitEnd(jobId, Duration.ofSeconds(120)).path("status").asText()).isEqualTo("completed");

        JsonNode outputs = get("/api/preview/jobs/" + jobId + "/outputs").path("outputs");
        assertThat(outputs).hasSize(1);
        assertThat(outputs.get(0).path("kind").asText()).isEqualTo("table");
        assertThat(outputs.get(0).path("schema").asText() + "." + outputs.get(0).path("table").asText()).isEqualTo("geo." + table);
        assertThat(outputs.get(0).path("feature_count").asLong()).isEqualTo(3);

        ResponseEntity<String> page = http.exchange("/api/preview/tables/geo/" + table + "?limit=2", HttpMethod.GET,
                new HttpEntity<>(as(key(Role.READER))), String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getContentType().toString()).isEqualTo("application/geo+json");
        JsonNode fc = mapper.readTree(page.getBody());
        assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(fc.path("features")).hasSize(2);
        assertThat(fc.path("truncated").asBoolean()).isTrue();
        assertThat(fc.path("feature_count").asLong()).isEqualTo(3);
        JsonNode first = fc.path("features").get(0);
        assertThat(first.path("geometry").path("type").asText()).isEqualTo("MultiPoint");
        assertThat(first.path("properties").path("name").asText()).isIn("a", "b", "c");
        assertThat(first.path("properties").has("geom")).isFalse();
        JsonNode all = get("/api/preview/tables/geo/" + table);
        assertThat(all.path("features")).hasSize(3);
        assertThat(all.path("truncated").asBoolean()).isFalse();

        ResponseEntity<String> tooMany = http.getForEntity("/api/preview/tables/geo/" + table + "?limit=5001", String.class);
        assertThat(tooMany.getStatusCode().value()).isEqualTo(400);
        assertThat(tooMany.getBody()).contains("limit");
        // a table the catalogue does not know is not read, whatever the database holds
        ResponseEntity<String> uncatalogued = http.getForEntity("/api/preview/tables/app/jobs", String.class);
        assertThat(uncatalogued.getStatusCode().value()).isEqualTo(404);
        assertThat(uncatalogued.getBody()).contains("not in the catalogue");
        ResponseEntity<String> hostile = http.getForEntity("/api/preview/tables/geo/" + table + "\";drop table x;--", String.class);
        assertThat(hostile.getStatusCode().value()).isIn(400, 404);
        assertThat(count("SELECT count(*) FROM geo.\"" + table + "\"")).isEqualTo(3);
        // catalogued but gone (dropped by hand): a 404 in words, no SQL
        jdbc.execute("DROP TABLE geo.\"" + table + "\"");
        ResponseEntity<String> gone = http.getForEntity("/api/preview/tables/geo/" + table, String.class);
        assertThat(gone.getStatusCode().value()).isEqualTo(404);
        assertThat(gone.getBody()).contains("cannot be read").doesNotContainIgnoringCase("select").doesNotContain("relation");
    }

    @Test
    void theBasemapIsEveryNaturalEarthCountrySimplifiedAndCompressedOnRequest() throws Exception {
        // java.net.http leaves compression alone, so the test sees what a browser receives
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI.create(http.getRootUri() + "/api/preview/basemap");
        java.net.http.HttpResponse<byte[]> r = client.send(java.net.http.HttpRequest.newBuilder(uri)
                .header("X-API-Key", key(Role.READER)).header("Accept-Encoding", "gzip").build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
        byte[] json = new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
        assertThat(r.body().length).isLessThan(json.length / 2);
        JsonNode fc = mapper.readTree(new String(json, StandardCharsets.UTF_8));
        assertThat(fc.path("features")).hasSize(240); // the countries layer; each keeps at least its largest part
        assertThat(json.length).isLessThan(1_200_000);
        boolean france = false;
        for (JsonNode f : fc.path("features")) {
            assertThat(f.path("geometry").path("type").asText()).isIn("Polygon", "MultiPolygon");
            france |= f.path("properties").path("name").asText().equals("France");
            for (double v : coordinates(f.path("geometry").path("coordinates"))) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo(180);
            }
        }
        assertThat(france).isTrue();
        java.net.http.HttpResponse<String> plain = client.send(java.net.http.HttpRequest.newBuilder(uri)
                .header("X-API-Key", key(Role.READER)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(mapper.readTree(plain.body()).path("features")).hasSize(240);
    }

    private static List<Double> coordinates(JsonNode node) {
        List<Double> out = new java.util.ArrayList<>();
        if (node.isNumber()) {
            out.add(node.asDouble());
        } else {
            node.forEach(n -> out.addAll(coordinates(n)));
        }
        return out;
    }

    @Test
    void meNamesTheCallerAndItsEffectiveRoles() {
        ResponseEntity<JsonNode> reader = http.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(as(key(Role.READER))), JsonNode.class);
        assertThat(reader.getBody().path("subject").asText()).isEqualTo("test-reader");
        assertThat(reader.getBody().path("auth").asText()).isEqualTo("api_key");
        assertThat(reader.getBody().path("roles").toString()).isEqualTo("[\"reader\"]");
        ResponseEntity<JsonNode> operator = http.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(as(key(Role.OPERATOR))), JsonNode.class);
        assertThat(operator.getBody().path("roles").toString()).isEqualTo("[\"reader\",\"operator\"]");
        HttpHeaders token = new HttpHeaders();
        token.setBearerAuth(org.geoetl.support.TestIdentityProvider.get().token("someone-with-a-token", List.of("approver")));
        JsonNode viaToken = http.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(token), JsonNode.class).getBody();
        assertThat(viaToken.path("subject").asText()).isEqualTo("someone-with-a-token");
        assertThat(viaToken.path("auth").asText()).isEqualTo("token");
        assertThat(viaToken.path("roles").toString()).isEqualTo("[\"reader\",\"approver\"]");
    }

    @Test
    void thePageLoadsWithoutCredentialsUnderAStrictPolicyAndMissingAssetsAre404() {
        HttpHeaders none = new HttpHeaders();
        none.set(NO_AUTH, "1");
        for (String path : List.of("/ui/", "/ui", "/api/interface/metrics", "/ui/jobs/abc")) {
            ResponseEntity<String> r = http.exchange(path, HttpMethod.GET, new HttpEntity<>(none), String.class);
            assertThat(r.getStatusCode().value()).as(path).isEqualTo(200);
            assertThat(r.getBody()).as(path).contains("<title>GeoETL operations</title>").contains("/ui/assets/app-");
            assertThat(r.getHeaders().getFirst("Content-Security-Policy")).as(path).contains("script-src 'self'")
                    .contains("frame-ancestors 'none'");
        }
        // the pipeline builder is a page of its own, under the same policy
        for (String path : List.of("/ui/builder", "/ui/builder/")) {
            ResponseEntity<String> r = http.exchange(path, HttpMethod.GET, new HttpEntity<>(none), String.class);
            assertThat(r.getStatusCode().value()).as(path).isEqualTo(200);
            assertThat(r.getBody()).as(path).contains("<title>GeoETL pipeline builder</title>").contains("/ui/assets/builder-");
            assertThat(r.getHeaders().getFirst("Content-Security-Policy")).as(path).contains("script-src 'self'");
        }
        String html = http.exchange("/ui/", HttpMethod.GET, new HttpEntity<>(none), String.class).getBody();
        String script = html.replaceAll("(?s).*src=\"(/ui/assets/app-[^\"]+\\.js)\".*", "$1");
        ResponseEntity<String> js = http.exchange(script, HttpMethod.GET, new HttpEntity<>(none), String.class);
        assertThat(js.getStatusCode().value()).isEqualTo(200);
        assertThat(js.getHeaders().getContentType().toString()).contains("javascript");
        ResponseEntity<String> missing = http.exchange("/ui/assets/nope.js", HttpMethod.GET, new HttpEntity<>(none), String.class);
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        // the data behind the page is not open
        assertThat(http.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(none), String.class).getStatusCode().value())
                .isEqualTo(401);
    }
}
