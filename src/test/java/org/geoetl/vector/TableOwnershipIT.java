package org.geoetl.vector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.geoetl.security.Role;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.TestIdentityProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Output tables have owners: only the submitter who loaded a table (or an admin) may overwrite it;
 * reserved names are refused, and the service's catalogue is out of reach of jobs.
 */
class TableOwnershipIT extends EngineTestSupport {

    @Autowired
    StorageAccounts accounts;

    private ResponseEntity<JsonNode> submitAs(HttpHeaders auth, String json) {
        auth.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/api/jobs/submit/process_vector", new HttpEntity<>(json, auth), JsonNode.class);
    }

    private String blob() {
        String geojson = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"v\":\""
                + unique() + "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}";
        String name = "owners/" + unique() + "/p.geojson";
        accounts.get("local").put("bronze", name, new ByteArrayInputStream(geojson.getBytes(StandardCharsets.UTF_8)),
                Long.MAX_VALUE, null);
        return name;
    }

    @Test
    void onlyTheOwnerOrAnAdminOverwritesATable() {
        String table = "owned_" + unique().substring(0, 8);
        ResponseEntity<JsonNode> first = submitAs(as(key(Role.SUBMITTER)),
                "{\"blob_name\": \"" + blob() + "\", \"table_name\": \"" + table + "\"}");
        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertThat(awaitEnd(first.getBody().path("job_id").asText(), Duration.ofSeconds(60)).path("status").asText())
                .isEqualTo("completed");
        assertThat(jdbc.queryForObject("SELECT owner FROM app.table_catalog WHERE table_name = ?", String.class, table))
                .isEqualTo("test-submitter");

        HttpHeaders someoneElse = new HttpHeaders();
        someoneElse.setBearerAuth(TestIdentityProvider.get().token("other-analyst", List.of("submitter")));
        ResponseEntity<JsonNode> refused = submitAs(someoneElse,
                "{\"blob_name\": \"" + blob() + "\", \"table_name\": \"" + table + "\", \"overwrite\": true}");
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getBody().path("error").asText()).contains("owner").doesNotContain("test-submitter");

        ResponseEntity<JsonNode> own = submitAs(as(key(Role.SUBMITTER)),
                "{\"blob_name\": \"" + blob() + "\", \"table_name\": \"" + table + "\", \"overwrite\": true}");
        assertThat(own.getStatusCode().value()).isEqualTo(202);
        assertThat(awaitEnd(own.getBody().path("job_id").asText(), Duration.ofSeconds(60)).path("status").asText())
                .isEqualTo("completed");
        ResponseEntity<JsonNode> admin = submitAs(new HttpHeaders(),
                "{\"blob_name\": \"" + blob() + "\", \"table_name\": \"" + table + "\", \"overwrite\": true}");
        assertThat(admin.getStatusCode().value()).isEqualTo(202);
        awaitEnd(admin.getBody().path("job_id").asText(), Duration.ofSeconds(60));
        assertThat(jdbc.queryForObject("SELECT owner FROM app.table_catalog WHERE table_name = ?", String.class, table))
                .isEqualTo("test-submitter");
    }

    @Test
    void reservedNamesAndTheServicesOwnTablesAreOutOfReach() {
        for (String name : List.of("pg_class", "spatial_ref_sys", "table_catalog", "_stg_abc", "geometry_columns")) {
            ResponseEntity<JsonNode> r = submitAs(new HttpHeaders(),
                    "{\"blob_name\": \"" + blob() + "\", \"table_name\": \"" + name + "\", \"overwrite\": true}");
            assertThat(r.getStatusCode().value()).as(name).isEqualTo(400);
            assertThat(r.getBody().toString()).as(name).contains("reserved");
        }
        for (String schema : List.of("app", "public", "pg_catalog", "stac")) {
            assertThat(submitAs(new HttpHeaders(), "{\"blob_name\": \"" + blob() + "\", \"table_name\": \"x_"
                    + unique().substring(0, 6) + "\", \"schema\": \"" + schema + "\"}").getStatusCode().value())
                    .as(schema).isEqualTo(400);
        }
        assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'geo' AND tablename = 'table_catalog'")).isZero();
        assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'app' AND tablename = 'table_catalog'")).isEqualTo(1);
    }

    private int submitAs(Role role, String jobType, String json) {
        HttpHeaders h = as(key(role));
        h.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/api/jobs/submit/" + jobType, new HttpEntity<>(json, h), JsonNode.class)
                .getStatusCode().value();
    }

    @Test
    void jobsCannotCarryASubmitterIntoPublishedZonesOrOverOthersOutputs() {
        assertThat(submitAs(Role.SUBMITTER, "ingest_collection", "{\"source_container\": \"bronze\","
                + " \"target_container\": \"gold\", \"collection_json_path\": \"x/collection.json\"}")).isEqualTo(403);
        assertThat(submitAs(Role.SUBMITTER, "ingest_collection", "{\"source_container\": \"bronze\","
                + " \"target_container\": \"silver\", \"overwrite\": true, \"collection_json_path\": \"x/collection.json\"}"))
                .isEqualTo(403);
        assertThat(submitAs(Role.SUBMITTER, "process_raster", "{\"blob_name\": \"x.tif\", \"collection_id\": \"c\","
                + " \"output_container\": \"gold\"}")).isEqualTo(403);
        // replacing a collection is for admins; creating one is not
        HttpHeaders h = as(key(Role.SUBMITTER));
        h.setContentType(MediaType.APPLICATION_JSON);
        String id = "coll-" + unique().substring(0, 8);
        String collection = "{\"type\": \"Collection\", \"stac_version\": \"1.0.0\", \"id\": \"" + id + "\","
                + " \"description\": \"d\", \"license\": \"CC0-1.0\", \"links\": [], \"extent\": {\"spatial\":"
                + " {\"bbox\": [[0, 0, 1, 1]]}, \"temporal\": {\"interval\": [[\"2024-01-01T00:00:00Z\", null]]}}}";
        assertThat(http.postForEntity("/api/stac/collections", new HttpEntity<>(collection, h), JsonNode.class)
                .getStatusCode().value()).isEqualTo(201);
        assertThat(http.postForEntity("/api/stac/collections", new HttpEntity<>(collection, h), JsonNode.class)
                .getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void aTableAnotherUserLoadedWhileTheJobRanIsNotReplaced() throws Exception {
        String table = "race_" + unique().substring(0, 8);
        HttpHeaders other = new HttpHeaders();
        other.setBearerAuth(TestIdentityProvider.get().token("late-analyst", List.of("submitter")));
        post("/api/queues/container-tasks/pause");
        post("/api/queues/functionapp-tasks/pause");
        String job;
        try {
            // the table does not exist yet: the submit check has nothing to refuse
            ResponseEntity<JsonNode> r = submitAs(other, "{\"blob_name\": \"" + blob() + "\", \"table_name\": \""
                    + table + "\", \"overwrite\": true}");
            assertThat(r.getStatusCode().value()).isEqualTo(202);
            job = r.getBody().path("job_id").asText();
            // meanwhile test-submitter's first load of that name completes
            jdbc.execute("CREATE TABLE geo.\"" + table + "\" (id int)");
            jdbc.update("INSERT INTO app.table_catalog (schema_name, table_name, geometry_type, feature_count,"
                    + " stac_collection_id, stac_item_id, owner) VALUES ('geo', ?, 'POINT', 0, 'x', 'y', 'test-submitter')", table);
        } finally {
            post("/api/queues/container-tasks/resume");
            post("/api/queues/functionapp-tasks/resume");
        }
        JsonNode end = awaitEnd(job, Duration.ofSeconds(60));
        assertThat(end.path("status").asText()).isEqualTo("failed");
        assertThat(end.toString()).contains("loaded by another user while this job ran");
        assertThat(count("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'geo' AND table_name = ?"
                + " AND column_name = 'id'", table)).isEqualTo(1);
    }

    private void post(String path) {
        http.postForEntity(path, null, JsonNode.class);
    }
}
