package org.geoetl.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gdal.gdalconst.gdalconst;
import org.geoetl.security.Role;
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

/** A hub validates before submitting, finds its requests by what they produced, and reviews and revokes by its ids. */
class PlatformLookupsIT extends EngineTestSupport {

    @Autowired
    StorageAccounts accounts;

    private ResponseEntity<JsonNode> post(HttpHeaders h, String path, String body) {
        h.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(body, h), JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String path, String body) {
        return post(new HttpHeaders(), path, body);
    }

    private JsonNode awaitCompleted(String requestId) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                List.of("completed", "failed").contains(get("/api/platform/status/" + requestId).path("job_status").asText()));
        JsonNode s = get("/api/platform/status/" + requestId);
        assertThat(s.path("job_status").asText()).as(s.toString()).isEqualTo("completed");
        return s;
    }

    @Test
    void validateChecksEverythingSubmitWouldAndStartsNothing() throws Exception {
        Path file = VectorFixtures.write(Path.of("target", "platform-fixtures", unique(), "wells.geojson"), "GeoJSON",
                "wells", 4326, List.of("name"), List.of(new VectorFixtures.Row("POINT (30.1 -1.9)", Map.of("name", "W1"))));
        String blob = "ddh/" + unique() + "/wells.geojson";
        accounts.get("local").ensureContainer("bronze-vectors");
        accounts.get("local").put("bronze-vectors", blob, Files.newInputStream(file), Long.MAX_VALUE, null);
        String resource = "wells-" + unique().substring(0, 6);
        String ids = "\"dataset_id\": \"Water\", \"resource_id\": \"" + resource + "\", \"version_id\": \"v1\"";
        long jobs = count("SELECT count(*) FROM app.jobs");

        ResponseEntity<JsonNode> ok = post("/api/platform/validate", "{" + ids + ", \"container_name\": \"bronze-vectors\","
                + " \"file_name\": \"" + blob + "\"}");
        assertThat(ok.getStatusCode().value()).isEqualTo(200);
        JsonNode v = ok.getBody();
        assertThat(v.path("valid").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.path("request_id").asText()).isEqualTo(PlatformTranslation.requestId("Water", resource, "v1"));
        assertThat(v.path("already_submitted").asBoolean()).isFalse();
        assertThat(v.path("data_type").asText()).isEqualTo("vector");
        assertThat(v.path("container_zone").asText()).isEqualTo("bronze");
        assertThat(v.path("jobs").get(0).path("job_type").asText()).isEqualTo("process_vector");
        assertThat(v.path("jobs").get(0).path("output").asText()).isEqualTo(PlatformTranslation.tableName("Water_" + resource + "_v1"));

        JsonNode missing = post("/api/platform/validate", "{" + ids + ", \"container_name\": \"bronze-vectors\","
                + " \"file_name\": \"not/there.geojson\"}").getBody();
        assertThat(missing.path("valid").asBoolean()).isFalse();
        assertThat(missing.path("errors").findValuesAsText("field")).containsExactly("file_name");
        assertThat(missing.path("errors").toString()).contains("not/there.geojson");
        JsonNode badContainer = post("/api/platform/validate", "{" + ids + ", \"container_name\": \"Bad_Name\","
                + " \"file_name\": \"a.tif\"}").getBody();
        assertThat(badContainer.path("errors").findValuesAsText("field")).contains("container_name");
        assertThat(badContainer.path("data_type").asText()).isEqualTo("raster");
        JsonNode fields = post("/api/platform/validate", "{\"file_name\": \"a.laz\", \"access_level\": \"secret\"}").getBody();
        assertThat(fields.path("valid").asBoolean()).isFalse();
        assertThat(fields.path("errors").findValuesAsText("field")).contains("dataset_id", "resource_id", "version_id",
                "container_name", "access_level");
        JsonNode type = post("/api/platform/validate", "{" + ids + ", \"container_name\": \"bronze-vectors\","
                + " \"file_name\": \"x.docx\"}").getBody();
        assertThat(type.path("errors").findValuesAsText("field")).containsExactly("file_name");
        assertThat(post("/api/platform/validate", "[1]").getStatusCode().value()).isEqualTo(400);
        assertThat(post(as(key(Role.READER)), "/api/platform/validate", "{}").getStatusCode().value()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM app.jobs")).isEqualTo(jobs);
        assertThat(count("SELECT count(*) FROM app.platform_requests WHERE resource_id = ?", resource)).isZero();

        // submitted, the same request validates as already submitted
        assertThat(post("/api/platform/submit", "{" + ids + ", \"container_name\": \"bronze-vectors\", \"file_name\": \""
                + blob + "\"}").getStatusCode().value()).isEqualTo(202);
        JsonNode seen = post("/api/platform/validate", "{" + ids + ", \"container_name\": \"bronze-vectors\","
                + " \"file_name\": \"" + blob + "\"}").getBody();
        assertThat(seen.path("valid").asBoolean()).as(seen.toString()).isTrue();
        assertThat(seen.path("already_submitted").asBoolean()).isTrue();
    }

    @Test
    void outputsLeadBackToRequestsAndApprovalsAreRevokedByDdhIds() throws Exception {
        accounts.get("local").ensureContainer("bronze-rasters");
        Path tif = RasterFixtures.tif(Path.of("target", "platform-fixtures", unique()), "elev", 32, 32, 1,
                gdalconst.GDT_Float32, 4326, new double[] {29.0, -1.0}, 0.001, null, (b, x, y) -> x + y);
        String resource = "elev-" + unique().substring(0, 6);
        String blob = "ddh/" + resource + "/elev.tif";
        accounts.get("local").put("bronze-rasters", blob, Files.newInputStream(tif), Long.MAX_VALUE, null);
        String dataset = "terrain-" + unique().substring(0, 6);
        String ids = "\"dataset_id\": \"" + dataset + "\", \"resource_id\": \"" + resource + "\", \"version_id\": \"v2\"";
        ResponseEntity<JsonNode> r = post("/api/platform/submit", "{" + ids + ", \"container_name\": \"bronze-rasters\","
                + " \"file_name\": \"" + blob + "\", \"access_level\": \"public\"}");
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(202);
        String requestId = r.getBody().path("request_id").asText();
        JsonNode status = awaitCompleted(requestId);
        String collection = status.path("outputs").path("collection_id").asText();
        String item = status.path("outputs").path("items").get(0).asText();

        // status by item, by collection; a table no request produced is a 404
        JsonNode byItem = get("/api/platform/status?item_id=" + item);
        assertThat(byItem.findValuesAsText("request_id")).as(byItem.toString()).containsExactly(requestId);
        assertThat(get("/api/platform/status?collection_id=" + collection).findValuesAsText("request_id")).containsExactly(requestId);
        assertThat(http.getForEntity("/api/platform/status?table=no_such_table_" + unique().substring(0, 6), JsonNode.class)
                .getStatusCode().value()).isEqualTo(404);
        // the catalog by DDH ids: what it produced, with URLs, and the dataset references
        JsonNode catalog = get("/api/platform/catalog?dataset_id=" + dataset + "&resource_id=" + resource + "&version_id=v2");
        assertThat(catalog.path("count").asInt()).isEqualTo(1);
        assertThat(catalog.path("requests").get(0).path("outputs").path("stac_collection_url").asText())
                .isEqualTo("/api/stac/collections/" + collection);
        assertThat(catalog.path("dataset_refs").findValuesAsText("dataset_id")).containsExactly(item);
        assertThat(http.getForEntity("/api/platform/catalog?dataset_id=nothing-" + unique(), JsonNode.class)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(http.getForEntity("/api/platform/catalog", JsonNode.class).getStatusCode().value()).isEqualTo(400);

        // approvals of the dataset, filtered by status; one by id, with the request's ids
        JsonNode pending = get("/api/platform/approvals?dataset_id=" + dataset + "&status=pending");
        assertThat(pending.path("count").asInt()).isEqualTo(1);
        String approvalId = pending.path("approvals").get(0).path("approval_id").asText();
        assertThat(pending.path("approvals").get(0).path("request_id").asText()).isEqualTo(requestId);
        assertThat(get("/api/platform/approvals?dataset_id=" + dataset + "&status=approved").path("count").asInt()).isZero();
        assertThat(http.getForEntity("/api/platform/approvals?status=maybe", JsonNode.class).getStatusCode().value()).isEqualTo(400);
        assertThat(get("/api/platform/approvals/" + approvalId).path("resource_id").asText()).isEqualTo(resource);

        // revoke: nothing approved yet is a 409; approved, a reason is required; then the item is unpublished
        String byIds = "{" + ids + ", \"reason\": \"wrong extent\"}";
        assertThat(post(as(key(Role.APPROVER)), "/api/platform/revoke", byIds).getStatusCode().value()).isEqualTo(409);
        assertThat(post(as(key(Role.APPROVER)), "/api/platform/approve", "{\"approval_id\": \"" + approvalId + "\"}")
                .getStatusCode().value()).isEqualTo(200);
        assertThat(get("/api/stac/collections/" + collection + "/items/" + item).path("properties").path("app:published")
                .asBoolean()).isTrue();
        assertThat(post(as(key(Role.SUBMITTER)), "/api/platform/revoke", byIds).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<JsonNode> noReason = post(as(key(Role.APPROVER)), "/api/platform/revoke", "{" + ids + "}");
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(noReason.getBody().toString()).contains("reason");
        ResponseEntity<JsonNode> revoked = post(as(key(Role.APPROVER)), "/api/platform/revoke",
                "{\"request_id\": \"" + requestId + "\", \"reason\": \"wrong extent\"}");
        assertThat(revoked.getStatusCode().value()).as(String.valueOf(revoked.getBody())).isEqualTo(200);
        assertThat(revoked.getBody().path("revoked").asInt()).isEqualTo(1);
        assertThat(get("/api/platform/approvals/" + approvalId).path("status").asText()).isEqualTo("revoked");
        assertThat(get("/api/platform/approvals/" + approvalId).path("revocation_reason").asText()).isEqualTo("wrong extent");
        assertThat(get("/api/stac/collections/" + collection + "/items/" + item + "?include_unpublished=true")
                .path("properties").path("app:published").asBoolean()).isFalse();
        assertThat(get("/api/platform/approvals?dataset_id=" + dataset + "&status=revoked").path("count").asInt()).isEqualTo(1);
    }
}
