package org.geoetl.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.support.CollectionFixture;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Approval round trip: hidden → approved → visible; reject needs a reason; revoke hides again. */
class ApprovalIT extends EngineTestSupport {

    @Autowired
    StorageAccounts accounts;

    private ResponseEntity<JsonNode> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-API-Key", key(org.geoetl.security.Role.APPROVER));
        return http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> postAs(org.geoetl.security.Role role, String path, String body) {
        HttpHeaders headers = as(key(role));
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private String ingest(String collectionId) throws Exception {
        return ingestCollection(accounts.get("local"), "approval/" + collectionId, collectionId, 10);
    }

    private long visible(String collectionId) {
        return get("/api/stac/search?collections=" + collectionId).path("numberMatched").asLong();
    }

    @Test
    void approvingPublishesAndRevokingHidesAgain() throws Exception {
        String collectionId = "appr-" + unique().substring(0, 8);
        String jobId = ingest(collectionId);
        JsonNode approvals = get("/api/approvals?job_id=" + jobId);
        assertThat(approvals.path("count").asInt()).isEqualTo(1);
        JsonNode approval = approvals.path("approvals").get(0);
        assertThat(approval.path("status").asText()).isEqualTo("pending");
        assertThat(approval.path("item_count").asInt()).isEqualTo(10);
        String id = approval.path("approval_id").asText();

        assertThat(visible(collectionId)).isZero();
        assertThat(http.getForEntity("/api/stac/collections/" + collectionId + "/items/" + CollectionFixture.itemId(collectionId, 0),
                JsonNode.class).getStatusCode().value()).isEqualTo(404);

        // the reviewer is the caller: a body naming someone else is refused, a submitter may not approve
        ResponseEntity<JsonNode> impersonated = post("/api/approvals/" + id + "/approve", "{\"reviewer\": \"ana\"}");
        assertThat(impersonated.getStatusCode().value()).isEqualTo(400);
        assertThat(impersonated.getBody().path("error").asText()).contains("credentials");
        assertThat(postAs(org.geoetl.security.Role.SUBMITTER, "/api/approvals/" + id + "/approve", "{}")
                .getStatusCode().value()).isEqualTo(403);
        assertThat(get("/api/approvals/" + id).path("status").asText()).isEqualTo("pending");
        ResponseEntity<JsonNode> approved = post("/api/approvals/" + id + "/approve", "{\"notes\": \"ok\"}");
        assertThat(approved.getStatusCode().value()).isEqualTo(200);
        assertThat(approved.getBody().path("status").asText()).isEqualTo("approved");
        assertThat(visible(collectionId)).isEqualTo(10);
        JsonNode item = get("/api/stac/collections/" + collectionId + "/items/" + CollectionFixture.itemId(collectionId, 0));
        assertThat(item.path("properties").path("app:published").asBoolean()).isTrue();
        assertThat(item.path("properties").path("app:approved_by").asText()).isEqualTo("test-approver");
        assertThat(get("/api/approvals/" + id).path("reviewer").asText()).isEqualTo("test-approver");

        assertThat(post("/api/approvals/" + id + "/approve", "{}").getStatusCode().value()).isEqualTo(409);
        assertThat(post("/api/approvals/" + id + "/revoke", "{}").getStatusCode().value()).isEqualTo(400);
        assertThat(post("/api/approvals/" + id + "/revoke", "{\"reason\": \"license unclear\"}")
                .getBody().path("status").asText()).isEqualTo("revoked");
        assertThat(visible(collectionId)).isZero();
    }

    @Test
    void rejectingNeedsAReasonAndAResubmittedApprovalCanBeApprovedByJobId() throws Exception {
        String collectionId = "rej-" + unique().substring(0, 8);
        String jobId = ingest(collectionId);
        String id = Approvals.approvalId(jobId);
        ResponseEntity<JsonNode> noReason = post("/api/approvals/" + id + "/reject", "{}");
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(noReason.getBody().path("error").asText()).contains("reason");
        assertThat(get("/api/approvals/" + id).path("status").asText()).isEqualTo("pending");

        assertThat(post("/api/approvals/" + id + "/reject", "{\"reason\": \"wrong CRS\"}")
                .getBody().path("rejection_reason").asText()).isEqualTo("wrong CRS");
        assertThat(visible(collectionId)).isZero();
        assertThat(post("/api/approvals/" + id + "/resubmit", "").getBody().path("status").asText()).isEqualTo("pending");
        assertThat(post("/api/platform/approve", "{\"job_id\": \"" + jobId + "\"}")
                .getBody().path("status").asText()).isEqualTo("approved");
        assertThat(visible(collectionId)).isEqualTo(10);
    }

    @Test
    void datasetReferencesLinkToExternalIds() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String dataset = "ds-" + unique().substring(0, 8);
        http.exchange("/api/dataset-refs/collection/" + dataset, org.springframework.http.HttpMethod.PUT,
                new HttpEntity<>("{\"ddh_dataset_id\": \"D1-" + dataset + "\", \"ddh_resource_id\": \"R1\", \"ddh_version_id\": \"v2\"}",
                        headers), JsonNode.class);
        JsonNode found = get("/api/dataset-refs?ddh_dataset_id=D1-" + dataset + "&ddh_version_id=v2");
        assertThat(found.path("count").asInt()).isEqualTo(1);
        assertThat(found.path("refs").get(0).path("dataset_id").asText()).isEqualTo(dataset);
        assertThat(get("/api/dataset-refs?ddh_dataset_id=D1-" + dataset + "&ddh_version_id=v3").path("count").asInt()).isZero();
    }

    @Test
    void changingAPublishedItemUnpublishesItAndReopensItsApproval() throws Exception {
        String collectionId = "bypass-" + unique().substring(0, 8);
        String jobId = ingest(collectionId);
        String id = Approvals.approvalId(jobId);
        assertThat(post("/api/approvals/" + id + "/approve", "{}").getBody().path("status").asText()).isEqualTo("approved");
        String itemId = CollectionFixture.itemId(collectionId, 0);
        JsonNode item = get("/api/stac/collections/" + collectionId + "/items/" + itemId);
        assertThat(item.path("properties").path("app:published").asBoolean()).isTrue();

        // posting the same item again (an admin may) changes nothing
        HttpHeaders submitter = as(key(org.geoetl.security.Role.SUBMITTER));
        submitter.setContentType(MediaType.APPLICATION_JSON);
        HttpHeaders admin = new HttpHeaders();
        admin.setContentType(MediaType.APPLICATION_JSON);
        com.fasterxml.jackson.databind.node.ObjectNode same = item.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) same.get("properties")).remove("app:published");
        assertThat(http.postForEntity("/api/stac/collections/" + collectionId + "/items",
                new HttpEntity<>(same.toString(), admin), JsonNode.class).getStatusCode().value()).isEqualTo(201);
        assertThat(visible(collectionId)).isEqualTo(10);

        // a submitter may not replace what a job produced; an admin's change unpublishes the dataset
        // (all of the job's items) and reopens its approval
        com.fasterxml.jackson.databind.node.ObjectNode changed = same.deepCopy();
        changed.with("assets").fieldNames().forEachRemaining(a ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) changed.get("assets").get(a)).put("href", "https://evil.example/x.tif"));
        assertThat(http.postForEntity("/api/stac/collections/" + collectionId + "/items",
                new HttpEntity<>(changed.toString(), submitter), JsonNode.class).getStatusCode().value()).isEqualTo(403);
        assertThat(visible(collectionId)).isEqualTo(10);
        assertThat(http.postForEntity("/api/stac/collections/" + collectionId + "/items",
                new HttpEntity<>(changed.toString(), admin), JsonNode.class).getStatusCode().value()).isEqualTo(201);
        assertThat(visible(collectionId)).isZero();
        assertThat(http.getForEntity("/api/stac/collections/" + collectionId + "/items/" + itemId, JsonNode.class)
                .getStatusCode().value()).isEqualTo(404);
        JsonNode approval = get("/api/approvals/" + id);
        assertThat(approval.path("status").asText()).isEqualTo("pending");
        assertThat(approval.path("notes").asText()).contains("changed");
        // the submitter of the job may not approve it (four eyes)
        HttpHeaders selfApproval = new HttpHeaders();
        selfApproval.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.postForEntity("/api/approvals/" + id + "/approve", new HttpEntity<>("{}", selfApproval),
                JsonNode.class).getStatusCode().value()).isEqualTo(403);
        // approving again publishes what is there now
        assertThat(post("/api/approvals/" + id + "/approve", "{}").getBody().path("status").asText()).isEqualTo("approved");
        assertThat(visible(collectionId)).isEqualTo(10);
    }
}
