package org.geoetl.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.geoetl.storage.LocalBlobStorage;
import org.geoetl.support.CollectionFixture;
import org.geoetl.support.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * GDAL's OGC API - Features client (the OAPIF driver, a client no one here wrote) reads the STAC
 * API: it lists the published collections and pages through a collection's published items by the
 * next links, a few at a time. The service runs as its own process so that its links point at it.
 */
class OgcFeaturesClientIT {

    static final int ITEMS = 7;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    private HttpResponse<String> send(ServiceProcess service, String key, String method, String path, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.url() + path)).header("X-API-Key", key)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String newKey(ServiceProcess service, String role) throws Exception {
        HttpResponse<String> r = send(service, service.adminKey(), "POST", "/api/admin/api-keys",
                "{\"owner\": \"oapif-" + role + "-" + UUID.randomUUID().toString().substring(0, 6) + "\", \"roles\": [\"" + role + "\"]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return mapper.readTree(r.body()).path("key").asText();
    }

    /** ogrinfo as a client of the service, authenticated by a header; its output. */
    private static String ogrinfo(String key, String... args) throws Exception {
        return ogrinfo(key, false, args);
    }

    /** With {@code debug}, GDAL also reports every HTTP fetch (CPL_DEBUG). */
    private static String ogrinfo(String key, boolean debug, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ogrinfo", "-ro"));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        if (key != null) {
            b.environment().put("GDAL_HTTP_HEADERS", "X-API-Key: " + key);
        }
        b.environment().put("CPL_DEBUG", debug ? "ON" : "OFF");
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        // nothing GDAL had to work around: no errors, no warnings
        assertThat(out).as(out).doesNotContain("ERROR ").doesNotContain("Warning ");
        return out;
    }

    private String ingestAndPublish(ServiceProcess service, Path storageRoot) throws Exception {
        String collection = "oapif-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = "oapif/" + collection;
        CollectionFixture.write(new LocalBlobStorage("local", storageRoot, service.url() + "/api/storage/", ""), "bronze",
                prefix, collection, ITEMS, mapper);
        HttpResponse<String> submitted = send(service, service.adminKey(), "POST", "/api/jobs/submit/ingest_collection",
                "{\"source_container\": \"bronze\", \"target_container\": \"silver\", \"collection_json_path\": \""
                        + prefix + "/collection.json\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String job = mapper.readTree(submitted.body()).path("job_id").asText();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> List.of("completed", "failed")
                .contains(mapper.readTree(send(service, service.adminKey(), "GET", "/api/jobs/status/" + job, null).body())
                        .path("status").asText()));
        // published the way anything is: a reviewer other than the submitter approves the job's items
        HttpResponse<String> approved = send(service, newKey(service, "approver"), "POST", "/api/platform/approve",
                "{\"job_id\": \"" + job + "\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        return collection;
    }

    @Test
    void gdalListsThePublishedCollectionsAndPagesTheirItems() throws Exception {
        Path storageRoot = Path.of("target", "test-storage-oapif").toAbsolutePath();
        try (ServiceProcess service = new ServiceProcess("oapif",
                "--geoetl.storage.accounts.local.root=" + storageRoot,
                "--geoetl.worker.work-dir=target/work-oapif", "--geoetl.janitor.enabled=false",
                "--geoetl.worker.reaper=false", "--geoetl.roles.scheduler=false", "--geoetl.security.public-catalog=true")) {
            service.start();
            String collection = ingestAndPublish(service, storageRoot);
            String hidden = "oapif-hidden-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(send(service, service.adminKey(), "POST", "/api/stac/collections", "{\"type\": \"Collection\","
                    + " \"stac_version\": \"1.0.0\", \"id\": \"" + hidden + "\", \"description\": \"nothing published\","
                    + " \"license\": \"CC0-1.0\", \"links\": [], \"extent\": {\"spatial\": {\"bbox\": [[0, 0, 1, 1]]},"
                    + " \"temporal\": {\"interval\": [[\"2024-01-01T00:00:00Z\", null]]}}}").statusCode()).isEqualTo(201);
            String reader = newKey(service, "reader");
            String root = "OAPIF:" + service.url() + "/api/stac";

            // anonymous, as a public catalog allows: the published collection is a layer, the unpublished one is not
            String summary = ogrinfo(null, "-so", root);
            assertThat(summary).contains("using driver `OAPIF' successful", collection).doesNotContain(hidden);
            assertThat(ogrinfo(reader, "-so", root)).contains(collection, hidden);
            // a small page size makes GDAL follow next links: every item arrives once
            String features = ogrinfo(reader, true, "-oo", "PAGE_SIZE=3", root, collection, "-al", "-q");
            Matcher ids = Pattern.compile("(?m)^\\s*id \\(String\\) = (\\S+)$").matcher(features);
            List<String> seen = new java.util.ArrayList<>();
            while (ids.find()) {
                seen.add(ids.group(1));
            }
            assertThat(seen).as(features).hasSize(ITEMS).doesNotHaveDuplicates()
                    .allMatch(id -> id.startsWith(collection + "-"));
            assertThat(features).contains("POLYGON");
            // ... fetched three at a time, by the next links the service rendered
            Matcher pages = Pattern.compile("Fetch\\((\\S+/collections/" + collection + "/items\\?\\S*token=\\S+)\\)")
                    .matcher(features);
            java.util.Set<String> next = new java.util.TreeSet<>();
            while (pages.find()) {
                next.add(pages.group(1));
                assertThat(pages.group(1)).contains("limit=3");
            }
            assertThat(next).as(features).hasSizeGreaterThanOrEqualTo(2);
            System.out.printf("OgcFeaturesClientIT: ogrinfo read %d items in pages of 3 (%d next links followed)%n",
                    seen.size(), next.size());
            String counted = ogrinfo(reader, "-so", "-oo", "PAGE_SIZE=3", root, collection);
            assertThat(counted).contains("Feature Count: " + ITEMS);
        }
    }
}
