package org.geoetl.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gdal.gdalconst.gdalconst;
import org.geoetl.security.Role;
import org.geoetl.support.Azurite;
import org.geoetl.support.CollectionFixture;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.RasterFixtures;
import org.geoetl.support.VectorFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Containers named as on real accounts (the seed's bronze-vectors, bronze-rasters, silver-cogs,
 * bronzemapspam, silvermapspam) work by their zone; zone rules hold whatever a container is called.
 */
class ContainerZonesIT extends EngineTestSupport {

    @Autowired
    StorageAccounts accounts;

    private JsonNode completed(ResponseEntity<JsonNode> submitted) {
        assertThat(submitted.getStatusCode().value()).as(String.valueOf(submitted.getBody())).isEqualTo(202);
        JsonNode status = awaitEnd(submitted.getBody().path("job_id").asText(), Duration.ofSeconds(180));
        assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("completed");
        return status;
    }

    @Test
    void ingestsFromBronzemapspamToSilvermapspamLocally() throws Exception {
        ingestMapspam("local");
    }

    @Test
    void ingestsFromBronzemapspamToSilvermapspamOnAzureBlob() throws Exception {
        Azurite.ensureRunning();
        ingestMapspam("azurite");
    }

    private void ingestMapspam(String account) throws Exception {
        BlobStorage storage = accounts.get(account);
        String collection = "mapspam-" + account + "-" + unique().substring(0, 8);
        String prefix = "spam2020/" + collection;
        CollectionFixture.write(storage, "bronzemapspam", prefix, collection, 12, mapper);
        // the target container is created by the job (create_target_container defaults to true)
        String target = "silvermapspam";
        String params = "{\"source_container\": \"bronzemapspam\", \"target_container\": \"" + target
                + "\", \"source_account\": \"" + account + "\", \"target_account\": \"" + account
                + "\", \"collection_json_path\": \"" + prefix + "/collection.json\", \"batch_size\": 10}";
        JsonNode status = completed(submit("ingest_collection", params));
        assertThat(status.path("resultData").path("results").get(0).path("items_registered").asInt()).isEqualTo(12);
        assertThat(storage.list(target, prefix + "/", null, 100)).hasSize(24);
        JsonNode item = get("/api/stac/collections/" + collection + "/items/" + CollectionFixture.itemId(collection, 0)
                + "?include_unpublished=true");
        assertThat(item.path("assets").path("data").path("href").asText()).contains("/" + target + "/" + prefix + "/items/");
    }

    @Test
    void aTargetContainerThatDoesNotExistFailsWhenItMayNotBeCreated() throws Exception {
        BlobStorage storage = accounts.get("local");
        String collection = "nocreate-" + unique().substring(0, 8);
        CollectionFixture.write(storage, "bronzemapspam", "nc/" + collection, collection, 1, mapper);
        String target = "silver-never-" + unique().substring(0, 8);
        String jobId = submit("ingest_collection", "{\"source_container\": \"bronzemapspam\", \"target_container\": \""
                + target + "\", \"collection_json_path\": \"nc/" + collection + "/collection.json\","
                + " \"create_target_container\": false}").getBody().path("job_id").asText();
        JsonNode status = awaitEnd(jobId, Duration.ofSeconds(60));
        assertThat(status.path("status").asText()).isEqualTo("failed");
        assertThat(status.path("errorDetails").asText()).contains(target).contains("create_target_container");
        assertThat(storage.containerExists(target)).isFalse();
    }

    @Test
    void processVectorReadsFromBronzeVectors() throws Exception {
        Path file = VectorFixtures.write(Path.of("target", "zone-fixtures", unique(), "parks.geojson"), "GeoJSON", "parks",
                4326, List.of("name"), List.of(new VectorFixtures.Row("POINT (30.06 -1.95)", Map.of("name", "Kigali"))));
        String blob = "uploads/" + unique() + "/parks.geojson";
        // a submitter uploads into bronze-vectors: an upload zone by configuration, not by its name
        ResponseEntity<JsonNode> put = http.exchange("/api/storage/bronze-vectors/" + blob, HttpMethod.PUT,
                new HttpEntity<>(Files.readAllBytes(file), as(key(Role.SUBMITTER))), JsonNode.class);
        assertThat(put.getStatusCode().value()).as(String.valueOf(put.getBody())).isEqualTo(201);
        String table = "zone_" + unique().replace("-", "").substring(0, 10);
        completed(submit("process_vector", "{\"container_name\": \"bronze-vectors\", \"blob_name\": \"" + blob
                + "\", \"table_name\": \"" + table + "\"}"));
        assertThat(count("SELECT count(*) FROM geo.\"" + table + "\"")).isEqualTo(1);
    }

    @Test
    void processRasterWritesIntoSilverCogs() throws Exception {
        Path tif = RasterFixtures.tif(Path.of("target", "zone-fixtures", unique()), "dem", 200, 200, 1, gdalconst.GDT_Float32,
                4326, new double[] {29.0, -1.0}, 0.001, null, (b, x, y) -> 1000 + x + y);
        String blob = "dem/" + unique() + "/dem.tif";
        accounts.get("local").ensureContainer("bronze-rasters");
        accounts.get("local").put("bronze-rasters", blob, Files.newInputStream(tif), Long.MAX_VALUE, null);
        String collection = "cogs-" + unique().substring(0, 8);
        JsonNode status = completed(submit("process_raster", "{\"container_name\": \"bronze-rasters\", \"blob_name\": \""
                + blob + "\", \"output_container\": \"silver-cogs\", \"collection_id\": \"" + collection + "\"}"));
        String cog = status.path("resultData").path("results").get(0).path("cog").path("blob").asText();
        assertThat(cog).isNotEmpty();
        assertThat(accounts.get("local").exists("silver-cogs", cog)).as(status.toString()).isTrue();
        JsonNode item = get("/api/stac/collections/" + collection + "/items?include_unpublished=true").path("features").get(0);
        assertThat(item.path("assets").path("data").path("href").asText()).contains("/api/storage/silver-cogs/" + cog);
    }

    @Test
    void invalidContainerNamesAndContainersOfNoZoneAre400AtSubmit() {
        for (String bad : List.of("Bronze_Vectors", "ab", "two--hyphens", "-leading", "secret-stuff")) {
            ResponseEntity<JsonNode> r = submit("ingest_collection", "{\"source_container\": \"" + bad
                    + "\", \"target_container\": \"silver\"}");
            assertThat(r.getStatusCode().value()).as(bad + " " + r.getBody()).isEqualTo(400);
            assertThat(r.getBody().toString()).contains("source_container").contains(bad);
            r = submit("process_vector", "{\"container_name\": \"" + bad + "\", \"blob_name\": \"x.geojson\","
                    + " \"table_name\": \"never_loaded\"}");
            assertThat(r.getStatusCode().value()).as(bad + " " + r.getBody()).isEqualTo(400);
            assertThat(r.getBody().toString()).contains("container_name");
        }
        ResponseEntity<JsonNode> put = http.exchange("/api/storage/Not_Valid/x.txt", HttpMethod.PUT,
                new HttpEntity<>(new byte[] {1}, new HttpHeaders()), JsonNode.class);
        assertThat(put.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void zoneRulesHoldByZoneWhateverTheContainerIsCalled() {
        // outputs go into output zones only: a raster written into a bronze container is refused
        ResponseEntity<JsonNode> r = submit("process_raster", "{\"blob_name\": \"x.tif\", \"collection_id\": \"zz\","
                + " \"output_container\": \"bronze-rasters\"}");
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(400);
        assertThat(r.getBody().toString()).contains("output_container").contains("zone bronze");
        // a submitter uploads into bronze-* but not into a silver container
        ResponseEntity<JsonNode> put = http.exchange("/api/storage/silver-cogs/sneaky.tif", HttpMethod.PUT,
                new HttpEntity<>(new byte[] {1}, as(key(Role.SUBMITTER))), JsonNode.class);
        assertThat(put.getStatusCode().value()).isEqualTo(403);
        assertThat(accounts.get("local").exists("silver-cogs", "sneaky.tif")).isFalse();
        // a published zone takes an admin, by zone: gold-public is gold
        r = http.postForEntity("/api/jobs/submit/ingest_collection", new HttpEntity<>("{\"source_container\": \"bronze\","
                + " \"target_container\": \"gold-public\"}", json(as(key(Role.SUBMITTER)))), JsonNode.class);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(403);
        assertThat(r.getBody().toString()).contains("published zone (gold)");
    }

    private static HttpHeaders json(HttpHeaders h) {
        h.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        return h;
    }
}
