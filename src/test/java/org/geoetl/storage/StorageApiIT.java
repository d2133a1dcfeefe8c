package org.geoetl.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.geoetl.support.Azurite;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** Upload, download, list and delete through the storage API; names that escape are refused. */
class StorageApiIT extends EngineTestSupport {

    @Autowired
    StorageAccounts accounts;

    private ResponseEntity<String> put(String path, byte[] body) {
        return http.exchange(path, HttpMethod.PUT, new HttpEntity<>(body), String.class);
    }

    @Test
    void putGetListAndDeleteABlob() throws Exception {
        String name = "uploads/" + unique() + "/roads.geojson";
        byte[] content = "{\"type\": \"FeatureCollection\", \"features\": []}".getBytes(StandardCharsets.UTF_8);
        assertThat(put("/api/storage/bronze/" + name, content).getStatusCode().value()).isEqualTo(201);
        ResponseEntity<byte[]> back = http.getForEntity("/api/storage/bronze/" + name, byte[].class);
        assertThat(back.getStatusCode().value()).isEqualTo(200);
        assertThat(back.getBody()).isEqualTo(content);
        JsonNode listing = get("/api/storage/bronze?prefix=" + name.substring(0, name.lastIndexOf('/')));
        assertThat(listing.path("blobs").findValuesAsText("name")).containsExactly(name);
        assertThat(http.exchange("/api/storage/bronze/" + name, HttpMethod.DELETE, null, String.class).getStatusCode().value())
                .isEqualTo(200);
        assertThat(http.getForEntity("/api/storage/bronze/" + name, String.class).getStatusCode().value()).isEqualTo(404);
    }

    /** Sends the path exactly as written (no client-side encoding or normalization). */
    private int rawPut(String path) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.getRootUri() + path))
                .header("X-API-Key", adminKey()).PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] {1})).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void refusesTraversalUnknownContainersAndOversizedUploads() throws Exception {
        assertThat(rawPut("/api/storage/bronze/a/%2E%2E/%2E%2E/etc/passwd")).isEqualTo(400);
        assertThat(rawPut("/api/storage/bronze/a/../../../etc/passwd")).isEqualTo(400);
        assertThat(rawPut("/api/storage/bronze/a%2F..%2F..%2Fetc%2Fpasswd")).isEqualTo(400);
        assertThat(put("/api/storage/not-a-zone/x.txt", new byte[] {1}).getStatusCode().value()).isEqualTo(400);
        String big = "uploads/" + unique() + "/big.bin";
        assertThat(put("/api/storage/bronze/" + big, new byte[2 * 1024 * 1024]).getStatusCode().value()).isEqualTo(413);
        assertThat(accounts.get("local").exists("bronze", big)).isFalse();
    }

    @Test
    void binaryUploadsRoundTripEvenWhenCurlLabelsThemAsFormContent() throws Exception {
        byte[] every = new byte[256 * 4];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }
        String name = "uploads/" + unique() + "/all-bytes.bin";
        assertThat(put("/api/storage/bronze/" + name, every).getStatusCode().value()).isEqualTo(201);
        try (var in = accounts.get("local").open("bronze", name)) {
            assertThat(in.readAllBytes()).isEqualTo(every);
        }
        // what `curl -X PUT --data-binary @file` sends without -H: bytes labelled as form content
        String formName = "uploads/" + unique() + "/x.bin";
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(http.getRootUri() + "/api/storage/bronze/" + formName))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-API-Key", adminKey())
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(every)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        try (var in = accounts.get("local").open("bronze", formName)) {
            assertThat(in.readAllBytes()).isEqualTo(every);
        }
    }

    @Test
    void azureBlobBehavesLikeLocalStorage() throws Exception {
        Azurite.ensureRunning();
        BlobStorage azure = accounts.get("azurite");
        azure.ensureContainer("bronze");
        String name = "direct/" + unique() + "/a.txt";
        azure.put("bronze", name, new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), 100, "text/plain");
        assertThat(azure.stat("bronze", name).orElseThrow().size()).isEqualTo(5);
        try (var in = azure.open("bronze", name)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThat(azure.list("bronze", name.substring(0, name.lastIndexOf('/')), null, 10)).hasSize(1);
        assertThat(azure.href("bronze", name)).startsWith("http://127.0.0.1:10000/devstoreaccount1/bronze/");
        assertThat(put("/api/storage/bronze/" + name + "?account=azurite", new byte[] {7, 8}).getStatusCode().value()).isEqualTo(201);
        assertThat(azure.stat("bronze", name).orElseThrow().size()).isEqualTo(2);
        assertThat(azure.delete("bronze", name)).isTrue();
        assertThat(azure.exists("bronze", name)).isFalse();
    }
}
