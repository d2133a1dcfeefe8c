package org.geoetl.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.gdal.gdalconst.gdalconst;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.RasterFixtures;
import org.geoetl.support.VectorFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A data hub submits by its own ids and follows its requests by them. */
class PlatformIT extends EngineTestSupport {

    private static final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    @Autowired
    StorageAccounts accounts;

    private ResponseEntity<JsonNode> platform(String body) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/api/platform/submit", new HttpEntity<>(body, h), JsonNode.class);
    }

    private static String sha(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
    }

    private JsonNode awaitRequest(String requestId) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                List.of("completed", "failed").contains(get("/api/platform/status/" + requestId).path("job_status").asText()));
        return get("/api/platform/status/" + requestId);
    }

    @Test
    void aVectorByDdhIdsIsIdempotentAndFollowedByItsIds() throws Exception {
        Path file = VectorFixtures.write(Path.of("target", "platform-fixtures", unique(), "clinics.geojson"), "GeoJSON",
                "clinics", 4326, List.of("name"), List.of(new VectorFixtures.Row("POINT (30.06 -1.95)", Map.of("name", "CHUK"))));
        String blob = "ddh/" + unique() + "/clinics.geojson";
        accounts.get("local").ensureContainer("bronze-vectors");
        accounts.get("local").put("bronze-vectors", blob, Files.newInputStream(file), Long.MAX_VALUE, null);
        String resource = "clinics-" + unique().substring(0, 6);
        String body = "{\"dataset_id\": \"Rwanda Health\", \"resource_id\": \"" + resource + "\", \"version_id\": \"v1\","
                + " \"container_name\": \"bronze-vectors\", \"file_name\": \"" + blob + "\", \"access_level\": \"public\","
                + " \"tags\": [\"health\"]}";
        ResponseEntity<JsonNode> first = platform(body);
        assertThat(first.getStatusCode().value()).as(String.valueOf(first.getBody())).isEqualTo(202);
        String requestId = first.getBody().path("request_id").asText();
        assertThat(requestId).isEqualTo(sha("Rwanda Health|" + resource + "|v1"));
        assertThat(first.getBody().path("job_type").asText()).isEqualTo("process_vector");
        // the same ids again: the same request and job, nothing new runs
        ResponseEntity<JsonNode> again = platform(body);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().path("idempotent").asBoolean()).isTrue();
        assertThat(again.getBody().path("job_id").asText()).isEqualTo(first.getBody().path("job_id").asText());

        JsonNode status = awaitRequest(requestId);
        assertThat(status.path("job_status").asText()).as(status.toString()).isEqualTo("completed");
        String table = PlatformTranslation.tableName("Rwanda Health_" + resource + "_v1");
        assertThat(status.path("outputs").path("table").asText()).isEqualTo(table);
        assertThat(status.path("jobs").get(0).path("job_result").toString()).contains("features_loaded");
        assertThat(count("SELECT count(*) FROM geo.\"" + table + "\"")).isEqualTo(1);
        assertThat(get(status.path("outputs").path("stac_item_url").asText() + "?include_unpublished=true")
                .path("properties").path("keywords").toString()).contains("health");
        // access level public → the approval's classification; the hub's ids are in app.dataset_refs
        assertThat(status.path("approvals").get(0).path("classification").asText()).isEqualTo("public");
        JsonNode refs = get("/api/dataset-refs?ddh_dataset_id=Rwanda Health&ddh_resource_id=" + resource);
        assertThat(refs.toString()).contains("geo." + table);
        // status by job id is the same request
        assertThat(get("/api/platform/status/" + first.getBody().path("job_id").asText()).path("request_id").asText())
                .isEqualTo(requestId);
        assertThat(get("/api/platform/status?limit=500").findValuesAsText("request_id")).contains(requestId);

        // approved by a reviewer; unpublish is refused while approved, then done with force_approved
        String jobId = first.getBody().path("job_id").asText();
        assertThat(post(org.geoetl.security.Role.APPROVER, "/api/platform/approve", "{\"job_id\": \"" + jobId + "\"}")
                .getStatusCode().value()).isEqualTo(200);
        String ids = "\"dataset_id\": \"Rwanda Health\", \"resource_id\": \"" + resource + "\", \"version_id\": \"v1\"";
        ResponseEntity<JsonNode> dry = unpublish("{" + ids + "}");
        assertThat(dry.getStatusCode().value()).as(String.valueOf(dry.getBody())).isEqualTo(409);
        assertThat(unpublish("{" + ids + ", \"dry_run\": false}").getStatusCode().value()).isEqualTo(409);
        ResponseEntity<JsonNode> done = unpublish("{\"request_id\": \"" + requestId + "\", \"dry_run\": false,"
                + " \"force_approved\": true}");
        assertThat(done.getStatusCode().value()).as(String.valueOf(done.getBody())).isEqualTo(202);
        awaitGone(requestId);
        assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'geo' AND tablename = ?", table)).isZero();
        assertThat(count("SELECT count(*) FROM app.table_catalog WHERE table_name = ?", table)).isZero();
        assertThat(count("SELECT count(*) FROM stac.items WHERE id = ?", "postgis-geo-" + table)).isZero();
        assertThat(count("SELECT count(*) FROM app.dataset_refs WHERE ddh_resource_id = ?", resource)).isZero();
        assertThat(get("/api/approvals/" + status.path("approvals").get(0).path("approval_id").asText()).path("revoked_by")
                .asText()).startsWith("unpublish_job:");
    }

    private ResponseEntity<JsonNode> post(org.geoetl.security.Role role, String path, String body) {
        HttpHeaders h = as(key(role));
        h.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(body, h), JsonNode.class);
    }

    private ResponseEntity<JsonNode> unpublish(String body) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/api/platform/unpublish", new HttpEntity<>(body, h), JsonNode.class);
    }

    /** The request is forgotten once its unpublish jobs completed. */
    private void awaitGone(String requestId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                count("SELECT count(*) FROM app.platform_requests WHERE request_id = ?", requestId) == 0);
    }

    @Test
    void threeRastersAreOneCollection() throws Exception {
        String resource = "spam-" + unique().substring(0, 6);
        accounts.get("local").ensureContainer("bronze-rasters");
        StringBuilder files = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            int k = i;
            Path tif = RasterFixtures.tif(Path.of("target", "platform-fixtures", unique()), "crop" + i, 64, 64, 1,
                    gdalconst.GDT_Float32, 4326, new double[] {29.0 + 0.064 * i, -1.0}, 0.001, null, (b, x, y) -> k * 10 + x);
            String blob = "ddh/" + resource + "/crop" + i + ".tif";
            accounts.get("local").put("bronze-rasters", blob, Files.newInputStream(tif), Long.MAX_VALUE, null);
            files.append(i == 0 ? "" : ", ").append('"').append(blob).append('"');
        }
        String dataset = "mapspam-" + unique().substring(0, 6);
        ResponseEntity<JsonNode> r = platform("{\"dataset_id\": \"" + dataset + "\", \"resource_id\": \"" + resource
                + "\", \"version_id\": \"2020\", \"container_name\": \"bronze-rasters\", \"file_name\": [" + files + "],"
                + " \"processing_options\": {\"output_container\": \"silver-cogs\"}}");
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(202);
        assertThat(r.getBody().path("data_type").asText()).isEqualTo("raster_collection");
        assertThat(r.getBody().path("job_ids")).hasSize(3);
        JsonNode status = awaitRequest(r.getBody().path("request_id").asText());
        assertThat(status.path("job_status").asText()).as(status.toString()).isEqualTo("completed");
        String collection = status.path("outputs").path("collection_id").asText();
        assertThat(collection).isEqualTo(dataset);
        JsonNode items = get("/api/stac/collections/" + collection + "/items?include_unpublished=true");
        assertThat(items.path("features")).hasSize(3);
        assertThat(status.path("outputs").path("stac_item_urls")).hasSize(3);
        assertThat(status.path("approvals").findValuesAsText("classification")).containsExactly("ouo", "ouo", "ouo");
        assertThat(get("/api/dataset-refs?ddh_dataset_id=" + dataset).toString()).contains(status.path("outputs")
                .path("items").get(2).asText());

        // the collection's mosaic, written once the last job committed: one VRT of the three COGs
        await().atMost(Duration.ofSeconds(30)).until(() -> org.geoetl.support.Database.text(
                "SELECT content::text FROM stac.collections WHERE id = ?", collection).contains("\"mosaic\""));
        JsonNode assets = json.readTree(org.geoetl.support.Database.text(
                "SELECT content::text FROM stac.collections WHERE id = ?", collection)).path("assets");
        String key = dataset + "-" + resource + "-2020_mosaic";
        assertThat(assets.path(key).path("roles").toString()).as(assets.toString()).contains("mosaic");
        assertThat(assets.path(key).path("app:items")).hasSize(3);
        // read by GDAL's own tool from the stored file: the three 64 x 64 rasters side by side, every pixel there
        Path vrt = Path.of("target", "test-storage", "silver-cogs", "cogs", collection, key + ".vrt");
        Process gdalinfo = new ProcessBuilder("gdalinfo", "--config", "GDAL_PAM_ENABLED", "NO", "-json", "-stats", vrt.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        JsonNode info = json.readTree(gdalinfo.getInputStream().readAllBytes());
        assertThat(gdalinfo.waitFor()).isZero();
        assertThat(info.path("size").toString()).isEqualTo("[192,64]");
        assertThat(info.path("bands").get(0).path("minimum").asDouble()).isEqualTo(0.0);
        assertThat(info.path("bands").get(0).path("maximum").asDouble()).isEqualTo(83.0);

        // unpublished by a job id of the request: every item, blob, row and the collection go
        String requestId = r.getBody().path("request_id").asText();
        ResponseEntity<JsonNode> dry = unpublish("{\"job_id\": \"" + r.getBody().path("job_ids").get(1).asText() + "\"}");
        assertThat(dry.getStatusCode().value()).as(String.valueOf(dry.getBody())).isEqualTo(202);
        assertThat(dry.getBody().path("dry_run").asBoolean()).isTrue();
        assertThat(dry.getBody().path("job_ids")).hasSize(3);
        ResponseEntity<JsonNode> done = unpublish("{\"request_id\": \"" + requestId + "\", \"dry_run\": false}");
        assertThat(done.getStatusCode().value()).as(String.valueOf(done.getBody())).isEqualTo(202);
        awaitGone(requestId);
        assertThat(count("SELECT count(*) FROM stac.items WHERE collection_id = ?", collection)).isZero();
        assertThat(count("SELECT count(*) FROM stac.collections WHERE id = ?", collection)).isZero();
        assertThat(count("SELECT count(*) FROM app.cog_metadata WHERE stac_collection_id = ?", collection)).isZero();
        assertThat(count("SELECT count(*) FROM app.dataset_refs WHERE ddh_dataset_id = ?", dataset)).isZero();
        assertThat(accounts.get("local").list("silver-cogs", "cogs/" + collection + "/", null, 10)).isEmpty();
        // the same ids may now be submitted afresh
        assertThat(http.getForEntity("/api/platform/status/" + requestId, JsonNode.class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void badSubmissionsAreRefusedAndStartNothing() {
        long jobs = count("SELECT count(*) FROM app.jobs");
        String base = "\"dataset_id\": \"ds\", \"resource_id\": \"rs-" + unique().substring(0, 6) + "\", \"version_id\": \"v1\","
                + " \"container_name\": \"bronze-rasters\"";
        ResponseEntity<JsonNode> missing = platform("{" + base + ", \"file_name\": [\"there/a.tif\", \"not/there.tif\"]}");
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody().toString()).contains("not/there.tif");
        assertThat(platform("{" + base + ", \"file_name\": \"x.docx\"}").getStatusCode().value()).isEqualTo(400);
        assertThat(platform("{" + base + ", \"file_name\": \"x.laz\"}").getStatusCode().value()).isEqualTo(501);
        assertThat(platform("{" + base + ", \"file_name\": [\"a.tif\", \"b.geojson\"]}").getStatusCode().value()).isEqualTo(400);
        assertThat(platform("{" + base + ", \"file_name\": \"a.tif\", \"access_level\": \"restricted\"}").getStatusCode().value())
                .isEqualTo(400);
        ResponseEntity<JsonNode> fields = platform("{\"file_name\": \"a.tif\", \"unknown\": 1}");
        assertThat(fields.getStatusCode().value()).isEqualTo(400);
        assertThat(fields.getBody().toString()).contains("dataset_id").contains("unknown");
        assertThat(platform("[1]").getStatusCode().value()).isEqualTo(400);
        assertThat(http.getForEntity("/api/platform/status/nothing-like-this", JsonNode.class).getStatusCode().value())
                .isEqualTo(404);
        assertThat(count("SELECT count(*) FROM app.jobs")).isEqualTo(jobs);
    }
}
