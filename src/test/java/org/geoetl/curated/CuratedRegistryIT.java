package org.geoetl.curated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.geoetl.security.Role;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The curated registry: the five built-ins on first start, checked definitions, roles, health. */
class CuratedRegistryIT extends EngineTestSupport {

    private ResponseEntity<JsonNode> send(HttpMethod method, String path, String body, HttpHeaders auth) {
        auth.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, auth), JsonNode.class);
    }

    @Test
    void theBuiltInsAreRegisteredAndSayWhichCredentialsAreMissing() {
        JsonNode list = get("/api/curated/datasets");
        assertThat(list.path("datasets").findValuesAsText("dataset_id")).contains("wdpa", "kba", "acled", "admin0", "admin1");
        JsonNode wdpa = get("/api/curated/datasets/wdpa");
        assertThat(wdpa.path("target").asText()).isEqualTo("geo.curated_wdpa_protected_areas");
        assertThat(wdpa.path("schedule").asText()).isEqualTo("0 0 3 1 1,4,7,10 ?");
        assertThat(wdpa.path("style").path("colours").path("II").asText()).startsWith("#");
        // this machine has no IBAT or ACLED credentials: names of the variables, never values
        if (System.getenv("WDPA_AUTH_KEY") == null) {
            assertThat(wdpa.path("configured").asBoolean()).isFalse();
            assertThat(wdpa.path("missing_environment").toString()).contains("WDPA_AUTH_KEY", "WDPA_AUTH_TOKEN");
            assertThat(get("/health").path("reference_data").path("wdpa").asText())
                    .isEqualTo("not configured: set WDPA_AUTH_KEY, WDPA_AUTH_TOKEN");
        }
        JsonNode acled = get("/api/curated/datasets/acled");
        assertThat(acled.path("update_strategy").asText()).isEqualTo("upsert");
        assertThat(acled.path("upsert_key").asText()).isEqualTo("event_id_cnty");
        assertThat(get("/api/curated/datasets/admin0").path("configured").asBoolean()).isTrue();
        assertThat(get("/api/curated/datasets/admin1").path("source").path("layer").asText()).isEqualTo("states_provinces");
        assertThat(get("/api/curated/datasets/wdpa/history").path("updates").isArray()).isTrue();
    }

    @Test
    void definitionsAreCheckedAndOnlyAdminsDefine() {
        String id = "rivers-" + unique().substring(0, 6);
        String table = "curated_rivers_" + unique().substring(0, 6);
        String good = "{\"dataset_id\": \"" + id + "\", \"name\": \"Rivers\", \"source_kind\": \"url\","
                + " \"source\": {\"url\": \"https://example.org/rivers.gpkg\"}, \"target_table\": \"" + table + "\","
                + " \"update_strategy\": \"full_replace\", \"schedule\": \"0 15 2 ? * SUN\"}";
        assertThat(send(HttpMethod.POST, "/api/curated/datasets", good, as(key(Role.OPERATOR))).getStatusCode().value())
                .isEqualTo(403);
        ResponseEntity<JsonNode> created = send(HttpMethod.POST, "/api/curated/datasets", good, new HttpHeaders());
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody().path("created_by").asText()).isEqualTo("test-admin");
        assertThat(send(HttpMethod.POST, "/api/curated/datasets", good, new HttpHeaders()).getStatusCode().value())
                .isEqualTo(409);
        for (String bad : new String[] {
                good.replace("0 15 2 ? * SUN", "every sunday"),
                good.replace("\"full_replace\"", "\"upsert\""),
                good.replace("\"url\",", "\"ftp\","),
                good.replace(table, "Bad-Name"),
                good.replace("\"source_kind\"", "\"target_schema\": \"app\", \"source_kind\"")}) {
            ResponseEntity<JsonNode> r = send(HttpMethod.PUT, "/api/curated/datasets/" + id, bad, new HttpHeaders());
            assertThat(r.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(r.getBody().path("field").asText()).as(bad).isNotBlank();
        }
        // operators switch schedules; the entry says so
        assertThat(send(HttpMethod.POST, "/api/curated/datasets/" + id + "/disable", "", as(key(Role.OPERATOR)))
                .getBody().path("enabled").asBoolean()).isFalse();
        assertThat(send(HttpMethod.POST, "/api/curated/datasets/" + id + "/enable", "", as(key(Role.READER)))
                .getStatusCode().value()).isEqualTo(403);
        // built-ins stay; others can be removed
        assertThat(send(HttpMethod.DELETE, "/api/curated/datasets/admin0", null, new HttpHeaders()).getStatusCode().value())
                .isEqualTo(400);
        assertThat(send(HttpMethod.PUT, "/api/curated/datasets/admin0", "{\"name\": \"x\", \"source_kind\": \"url\","
                + " \"target_table\": \"curated_admin0\"}", new HttpHeaders()).getStatusCode().value()).isEqualTo(400);
        assertThat(send(HttpMethod.DELETE, "/api/curated/datasets/" + id, null, new HttpHeaders()).getStatusCode().value())
                .isEqualTo(200);
        assertThat(http.getForEntity("/api/curated/datasets/" + id, JsonNode.class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void makeSetupProvisionsNaturalEarthOffline() {
        java.nio.file.Path file = java.nio.file.Path.of(".local", "reference", "world_map.gpkg");
        assertThat(file).exists();
        org.gdal.ogr.ogr.RegisterAll();
        org.gdal.ogr.DataSource ds = org.gdal.ogr.ogr.Open(file.toString(), 0);
        try {
            assertThat(ds.GetLayerByName("countries").GetFeatureCount()).isEqualTo(240);
            assertThat(ds.GetLayerByName("states_provinces").GetFeatureCount()).isEqualTo(4556);
            assertThat(ds.GetLayerByName("countries").GetSpatialRef().GetAuthorityCode(null)).isEqualTo("4326");
        } finally {
            ds.delete();
        }
    }
}
