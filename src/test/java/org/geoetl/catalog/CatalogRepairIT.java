package org.geoetl.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * A catalogue damaged behind its back — a STAC item deleted, a COG blob deleted — is reported by
 * metadata-health exactly, repaired by rebuild_stac (the item) and by unpublish_raster (what is left
 * of the COG), approved data unpublished only with force_approved. The test database is shared with
 * other tests, so the report is read for this test's own collection and table.
 */
class CatalogRepairIT extends EngineTestSupport {

    @Autowired
    StorageAccounts accounts;

    private JsonNode completed(String jobType, String params) {
        ResponseEntity<JsonNode> r = submit(jobType, params);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(202);
        JsonNode status = awaitEnd(r.getBody().path("job_id").asText(), Duration.ofSeconds(120));
        assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("completed");
        return status;
    }

    private String cog(String collection, String item, double lon) throws Exception {
        Path tif = RasterFixtures.tif(Path.of("target", "repair-fixtures", unique()), item, 128, 128, 1, gdalconst.GDT_Float32,
                4326, new double[] {lon, -1.0}, 0.001, null, (b, x, y) -> x + y);
        String blob = "repair/" + unique() + "/" + item + ".tif";
        accounts.get("local").put("bronze", blob, Files.newInputStream(tif), Long.MAX_VALUE, null);
        return completed("process_raster", "{\"blob_name\": \"" + blob + "\", \"collection_id\": \"" + collection
                + "\", \"item_id\": \"" + item + "\"}").path("jobId").asText();
    }

    /** The issues of one check that concern this test's collection or table. */
    private List<JsonNode> issues(JsonNode report, String check, String collection, String table) {
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode c : report.path("checks")) {
            if (c.path("name").asText().equals(check)) {
                c.path("issues").forEach(i -> {
                    if (collection.equals(i.path("collection_id").asText()) || table.equals(i.path("table").asText())) {
                        mine.add(i);
                    }
                });
            }
        }
        return mine;
    }

    /** Every check's issues about this test's data, as "check:id". */
    private List<String> mine(JsonNode report, String collection, String table) {
        List<String> out = new ArrayList<>();
        report.path("checks").forEach(c -> issues(report, c.path("name").asText(), collection, table).forEach(i ->
                out.add(c.path("name").asText() + ":" + i.path("cog_id").asText(i.path("item_id").asText(i.path("table").asText())))));
        return out;
    }

    private JsonNode health() {
        return get("/api/cleanup/metadata-health?limit=1000");
    }

    private ResponseEntity<JsonNode> postAs(Role role, String path, String body) {
        HttpHeaders h = as(key(role));
        h.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(body, h), JsonNode.class);
    }

    @Test
    void deletedItemAndBlobAreReportedRepairedAndUnpublished() throws Exception {
        String collection = "repair-" + unique().substring(0, 8);
        cog(collection, "alpha", 29.0);
        String betaJob = cog(collection, "beta", 29.2);
        String table = "repair_" + unique().replace("-", "").substring(0, 10);
        Path file = VectorFixtures.write(Path.of("target", "repair-fixtures", unique(), "pts.geojson"), "GeoJSON", "pts", 4326,
                List.of("name"), List.of(new VectorFixtures.Row("POINT (30 -2)", Map.of("name", "a"))));
        String vblob = "repair/" + unique() + "/pts.geojson";
        accounts.get("local").put("bronze", vblob, Files.newInputStream(file), Long.MAX_VALUE, null);
        completed("process_vector", "{\"blob_name\": \"" + vblob + "\", \"table_name\": \"" + table + "\"}");
        assertThat(mine(health(), collection, table)).isEmpty();

        // behind the catalogue's back: alpha's STAC item, beta's COG blob, the table's item
        jdbc.update("DELETE FROM stac.items WHERE collection_id = ? AND id = 'alpha'", collection);
        String betaBlob = jdbc.queryForObject("SELECT blob_path FROM app.cog_metadata WHERE stac_collection_id = ?"
                + " AND cog_id = 'beta'", String.class, collection);
        assertThat(accounts.get("local").delete("silver", betaBlob)).isTrue();
        jdbc.update("DELETE FROM stac.items WHERE collection_id = 'system-vectors' AND id = ?", "postgis-geo-" + table);

        assertThat(mine(health(), collection, table)).containsExactlyInAnyOrder("raster_backlinks:alpha",
                "raster_blob_exists:beta", "vector_backlinks:postgis-geo-" + table);

        // rebuild_stac: a dry run (the default) reports and changes nothing
        JsonNode dry = completed("rebuild_stac", "{\"data_type\": \"raster\", \"items\": [\"alpha\", \"beta\"], \"collection_id\": \""
                + collection + "\"}");
        JsonNode validated = mapper.readTree(jdbc.queryForObject("SELECT result_data::text FROM app.tasks WHERE"
                + " parent_job_id = ? AND stage = 1", String.class, dry.path("jobId").asText()));
        assertThat(validated.path("valid").findValuesAsText("name")).containsExactly("alpha");
        assertThat(validated.path("rebuild")).isEmpty();
        assertThat(validated.path("invalid").get(0).path("name").asText()).isEqualTo("beta");
        assertThat(validated.path("invalid").get(0).path("reason").asText()).contains("no longer exists").contains("unpublish_raster");
        assertThat(count("SELECT count(*) FROM stac.items WHERE collection_id = ? AND id = 'alpha'", collection)).isZero();
        // for real: alpha comes back; beta, whose blob is gone, is refused with the reason
        JsonNode real = completed("rebuild_stac", "{\"data_type\": \"raster\", \"items\": [\"alpha\", \"beta\"], \"collection_id\": \""
                + collection + "\", \"dry_run\": false}");
        assertThat(real.path("resultData").path("results").findValuesAsText("action")).containsExactly("created");
        JsonNode alpha = get("/api/stac/collections/" + collection + "/items/alpha?include_unpublished=true");
        assertThat(alpha.path("assets").path("data").path("href").asText()).contains("/api/storage/silver/");
        assertThat(alpha.path("properties").path("proj:shape").toString()).isEqualTo("[128,128]");
        completed("rebuild_stac", "{\"data_type\": \"vector\", \"items\": [\"" + table + "\"], \"dry_run\": false}");
        assertThat(get("/api/stac/collections/system-vectors/items/postgis-geo-" + table + "?include_unpublished=true")
                .path("properties").path("table:row_count").asLong()).isEqualTo(1);
        // idempotent: the same rebuild again leaves the item alone
        JsonNode again = completed("rebuild_stac", "{\"data_type\": \"raster\", \"items\": [\"alpha\"], \"collection_id\": \""
                + collection + "\", \"dry_run\": false, \"force_recreate\": false, \"schema\": \"geo\"}");
        assertThat(again.path("resultData").path("results")).isEmpty();
        assertThat(mine(health(), collection, table)).containsExactly("raster_blob_exists:beta");

        // beta is approved: unpublishing it is refused until force_approved, which revokes the approval
        String approval = Approvals.approvalId(betaJob);
        assertThat(postAs(Role.APPROVER, "/api/approvals/" + approval + "/approve", "{}").getStatusCode().value()).isEqualTo(200);
        String unpublish = "{\"collection_id\": \"" + collection + "\", \"item_id\": \"beta\", \"dry_run\": false";
        ResponseEntity<JsonNode> refused = submit("unpublish_raster", unpublish + "}");
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().toString()).contains("force_approved").contains(approval);
        String unpublishJob = completed("unpublish_raster", unpublish + ", \"force_approved\": true}").path("jobId").asText();
        assertThat(get("/api/approvals/" + approval).path("status").asText()).isEqualTo("revoked");
        assertThat(get("/api/approvals/" + approval).path("revoked_by").asText()).isEqualTo("unpublish_job:" + unpublishJob);
        assertThat(count("SELECT count(*) FROM app.cog_metadata WHERE stac_collection_id = ? AND cog_id = 'beta'", collection)).isZero();
        assertThat(count("SELECT count(*) FROM stac.items WHERE collection_id = ? AND id = 'beta'", collection)).isZero();
        assertThat(mine(health(), collection, table)).isEmpty();

        // unpublish_vector: a dry run keeps everything, the real one leaves nothing
        completed("unpublish_vector", "{\"table_name\": \"" + table + "\"}");
        assertThat(count("SELECT count(*) FROM app.table_catalog WHERE table_name = ?", table)).isEqualTo(1);
        completed("unpublish_vector", "{\"table_name\": \"" + table + "\", \"dry_run\": false}");
        assertThat(count("SELECT count(*) FROM app.table_catalog WHERE table_name = ?", table)).isZero();
        assertThat(count("SELECT count(*) FROM app.vector_etl_tracking WHERE table_name = ?", table)).isZero();
        assertThat(count("SELECT count(*) FROM stac.items WHERE id = ?", "postgis-geo-" + table)).isZero();
        assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'geo' AND tablename IN (?, ?)", table,
                table + "_etl_report")).isZero();
        // the last COG goes with its collection
        completed("unpublish_raster", "{\"collection_id\": \"" + collection + "\", \"item_id\": \"alpha\", \"dry_run\": false}");
        assertThat(count("SELECT count(*) FROM stac.collections WHERE id = ?", collection)).isZero();
        assertThat(accounts.get("local").list("silver", "cogs/" + collection + "/", null, 10)).isEmpty();
        assertThat(mine(health(), collection, table)).isEmpty();
    }

    @Test
    void theScheduledRunWithAutoHealRebuildsAMissingItem() throws Exception {
        String collection = "heal-" + unique().substring(0, 8);
        cog(collection, "gamma", 29.4);
        jdbc.update("DELETE FROM stac.items WHERE collection_id = ? AND id = 'gamma'", collection);
        long before = count("SELECT coalesce(max(run_id), 0) FROM app.janitor_runs");
        // a service process whose schedule fires every 2 s (the default is 03, 09, 15, 21 UTC)
        try (org.geoetl.support.ServiceProcess service = new org.geoetl.support.ServiceProcess("auto-heal",
                "--geoetl.storage.accounts.local.root=" + Path.of("target", "test-storage").toAbsolutePath(),
                "--geoetl.worker.work-dir=target/work-auto-heal", "--geoetl.janitor.enabled=false",
                "--geoetl.worker.reaper=false", "--geoetl.scheduler.store=memory", "--geoetl.roles.scheduler=true",
                "--geoetl.catalog.consistency-cron=0/2 * * * * ?", "--geoetl.catalog.auto-heal=true")) {
            service.start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count("SELECT count(*) FROM stac.items WHERE collection_id = ? AND id = 'gamma'", collection) == 1);
        }
        Map<String, Object> run = jdbc.queryForMap("SELECT trigger, items_fixed, actions::text AS actions FROM app.janitor_runs"
                + " WHERE run_id > ? AND run_type = 'metadata_consistency' AND actions::text LIKE ? ORDER BY run_id LIMIT 1",
                before, "%" + collection + "%gamma%");
        assertThat(run.get("trigger")).isEqualTo("schedule");
        assertThat(((Number) run.get("items_fixed")).intValue()).isPositive();
        assertThat((String) run.get("actions")).contains("rebuild_stac");
        assertThat(get("/api/stac/collections/" + collection + "/items/gamma?include_unpublished=true")
                .path("properties").path("app:job_type").asText()).isEqualTo("process_raster");
    }

    @Test
    void aRunIsRecordedInJanitorRunsAndBadRequestsAre4xx() {
        ResponseEntity<JsonNode> run = http.postForEntity("/api/cleanup/run?type=metadata_consistency", null, JsonNode.class);
        assertThat(run.getStatusCode().value()).isEqualTo(200);
        long id = run.getBody().path("run_id").asLong();
        assertThat(run.getBody().path("report").path("summary").path("total_checks").asInt()).isEqualTo(12);
        Map<String, Object> row = jdbc.queryForMap("SELECT run_type, trigger, status, actions->'report'->'summary' AS s"
                + " FROM app.janitor_runs WHERE run_id = ?", id);
        assertThat(row.get("run_type")).isEqualTo("metadata_consistency");
        assertThat(row.get("trigger")).isEqualTo("manual");
        assertThat(String.valueOf(row.get("s"))).contains("\"total_checks\": 12");
        assertThat(http.postForEntity("/api/cleanup/run?type=vacuum", null, JsonNode.class).getStatusCode().value()).isEqualTo(400);
        assertThat(http.postForEntity("/api/cleanup/run", null, JsonNode.class).getStatusCode().value()).isEqualTo(400);
        // operators only
        assertThat(postAs(Role.SUBMITTER, "/api/cleanup/run?type=metadata_consistency", "{}").getStatusCode().value()).isEqualTo(403);
        assertThat(postAs(Role.SUBMITTER, "/api/jobs/submit/rebuild_stac", "{\"data_type\": \"vector\", \"items\": [\"x\"]}")
                .getStatusCode().value()).isEqualTo(403);
        // nothing to unpublish, invalid parameters
        assertThat(submit("unpublish_raster", "{\"collection_id\": \"no-such-collection\", \"item_id\": \"x\"}")
                .getStatusCode().value()).isEqualTo(404);
        assertThat(submit("rebuild_stac", "{\"data_type\": \"vector\", \"items\": []}").getStatusCode().value()).isEqualTo(400);
        assertThat(submit("rebuild_stac", "{\"data_type\": \"vector\", \"items\": [\"x\"], \"schema\": \"app\"}")
                .getStatusCode().value()).isEqualTo(400);
    }
}
