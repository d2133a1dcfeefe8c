package org.geoetl.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.geoetl.storage.BlobStorage;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.support.Azurite;
import org.geoetl.support.CollectionFixture;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.StacValidator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** ingest_collection end to end, on local storage and on Azure Blob (Azurite). */
class IngestCollectionIT extends EngineTestSupport {

    private static final int ITEMS = 200;

    @Autowired
    StorageAccounts accounts;

    @Test
    void ingestsTwoHundredCogsFromLocalStorage() throws Exception {
        ingestAndCheck("local");
    }

    @Test
    void ingestsTwoHundredCogsFromAzureBlob() throws Exception {
        Azurite.ensureRunning();
        ingestAndCheck("azurite");
    }

    private void ingestAndCheck(String account) throws Exception {
        BlobStorage storage = accounts.get(account);
        String collectionId = "test-" + account + "-" + unique().substring(0, 8);
        String prefix = "ingest/" + collectionId;
        CollectionFixture.write(storage, "bronze", prefix, collectionId, ITEMS, mapper);

        String params = "{\"source_container\": \"bronze\", \"target_container\": \"silver\", \"source_account\": \""
                + account + "\", \"target_account\": \"" + account + "\", \"collection_json_path\": \"" + prefix
                + "/collection.json\", \"batch_size\": 50}";
        String jobId = submit("ingest_collection", params).getBody().path("job_id").asText();
        JsonNode status = awaitEnd(jobId, Duration.ofSeconds(180));
        assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("completed");
        JsonNode result = status.path("resultData").path("results").get(0);
        assertThat(result.path("items_registered").asInt()).isEqualTo(ITEMS);
        assertThat(result.path("files_copied").asInt()).isEqualTo(2 * ITEMS);

        // every asset and sidecar is in the target, byte for byte the same size
        assertThat(storage.list("silver", prefix + "/", null, 10_000)).hasSize(2 * ITEMS);
        String firstTif = prefix + "/items/" + CollectionFixture.itemId(collectionId, 0) + ".tif";
        assertThat(storage.stat("silver", firstTif).orElseThrow().size())
                .isEqualTo(storage.stat("bronze", firstTif).orElseThrow().size());

        // all items searchable by bbox and datetime; hrefs point at the target copies
        JsonNode all = search("{\"collections\": [\"" + collectionId + "\"], \"bbox\": [9, -1, 21, 6], \"limit\": 500,"
                + " \"include_unpublished\": true}");
        assertThat(all.path("numberMatched").asLong()).isEqualTo(ITEMS);
        for (JsonNode item : all.path("features")) {
            String href = item.path("assets").path("data").path("href").asText();
            assertThat(href).contains("/silver/" + prefix + "/items/").endsWith(".tif");
            assertThat(item.path("properties").path("app:published").asBoolean(true)).isFalse();
        }
        JsonNode january = search("{\"collections\": [\"" + collectionId + "\"], \"datetime\":"
                + " \"2024-01-01T00:00:00Z/2024-01-31T23:59:59Z\", \"limit\": 500, \"include_unpublished\": true}");
        assertThat(january.path("numberMatched").asLong()).isEqualTo(31);
        double[] cell = CollectionFixture.cell(45);
        JsonNode one = search("{\"collections\": [\"" + collectionId + "\"], \"bbox\": [" + (cell[0] + 0.1) + ", " + (cell[1] + 0.1) + ", " + (cell[2] - 0.1) + ", "
                + (cell[3] - 0.1) + "], \"include_unpublished\": true}");
        assertThat(one.path("features").findValuesAsText("id")).containsExactly(CollectionFixture.itemId(collectionId, 45));
        // anonymous search sees nothing until an approval
        assertThat(search("{\"collections\": [\"" + collectionId + "\"]}").path("numberMatched").asLong()).isZero();

        // what the service serves is valid STAC
        List<JsonNode> served = new ArrayList<>();
        served.add(get("/api/stac/collections/" + collectionId));
        get("/api/stac/collections/" + collectionId + "/items?limit=20&include_unpublished=true").path("features")
                .forEach(served::add);
        served.add(get("/api/stac"));
        StacValidator.validate(mapper, served);

        // the same parameters again: the same job, nothing re-run
        assertThat(submit("ingest_collection", params).getBody().path("status").asText()).isEqualTo("already_completed");
        // a forced re-run copies nothing (targets exist) and registers the same items again
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        http.postForEntity("/api/jobs/" + jobId + "/resubmit", new HttpEntity<>("{}", headers), JsonNode.class);
        JsonNode rerun = awaitEnd(jobId, Duration.ofSeconds(180));
        assertThat(rerun.path("status").asText()).isEqualTo("completed");
        assertThat(rerun.path("resultData").path("results").get(0).path("files_skipped").asInt()).isEqualTo(2 * ITEMS);
        assertThat(count("SELECT count(*) FROM stac.items WHERE collection_id = ?", collectionId)).isEqualTo(ITEMS);
    }

    @Test
    void aMissingCollectionJsonFailsClearlyAndRegistersNothing() {
        String prefix = "ingest/missing-" + unique().substring(0, 8);
        String jobId = submit("ingest_collection", "{\"source_container\": \"bronze\", \"target_container\": \"silver\","
                + " \"collection_json_path\": \"" + prefix + "/collection.json\"}").getBody().path("job_id").asText();
        JsonNode status = awaitEnd(jobId, Duration.ofSeconds(30));
        assertThat(status.path("status").asText()).isEqualTo("failed");
        assertThat(status.path("errorDetails").asText()).contains("collection.json not found").contains(prefix);
        assertThat(count("SELECT count(*) FROM stac.items WHERE job_id = ?", jobId)).isZero();
        assertThat(count("SELECT count(*) FROM stac.collections WHERE job_id = ?", jobId)).isZero();
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND stage > 1", jobId)).isZero();
    }

    @Test
    void aContainerOutsideTheZonesIsRejectedAtSubmit() {
        org.springframework.http.ResponseEntity<JsonNode> r = submit("ingest_collection",
                "{\"source_container\": \"secret-stuff\", \"target_container\": \"silver\"}");
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().toString()).contains("secret-stuff").contains("belongs to no storage zone");
    }

    private JsonNode search(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/api/stac/search", new HttpEntity<>(body, headers), JsonNode.class).getBody();
    }
}
