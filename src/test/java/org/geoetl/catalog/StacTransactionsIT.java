package org.geoetl.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.geoetl.security.Role;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.StacValidator;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The STAC fields extension on search and items, and the transaction extensions (replace, delete) with their rules. */
class StacTransactionsIT extends EngineTestSupport {

    private ResponseEntity<JsonNode> send(HttpMethod method, Role role, String path, String body) {
        HttpHeaders h = role == null ? new HttpHeaders() : as(key(role));
        h.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, h), JsonNode.class);
    }

    /** PATCH through java.net.http (the test template's HttpURLConnection has no PATCH). */
    private ResponseEntity<JsonNode> patch(Role role, String path, String body) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(http.getRootUri() + path)).header("X-API-Key", key(role))
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return ResponseEntity.status(r.statusCode()).body(mapper.readTree(r.body()));
    }

    private static String item(String c, int i, String extraProperties) {
        return """
                {"type": "Feature", "stac_version": "1.0.0", "id": "%s-%d", "bbox": [%d, 0, %d, 1],
                 "geometry": {"type": "Polygon", "coordinates": [[[%d, 0], [%d, 0], [%d, 1], [%d, 1], [%d, 0]]]},
                 "properties": {"datetime": "2024-0%d-01T00:00:00Z", "eo:cloud_cover": %d, "platform": "sat-%d"%s},
                 "assets": {"data": {"href": "https://example.org/%d.tif", "type": "image/tiff; application=geotiff"}},
                 "links": []}""".formatted(c, i, i, i + 1, i, i + 1, i + 1, i, i, 1 + i, 10 * i, i, extraProperties, i);
    }

    private static String collection(String c, String description) {
        return """
                {"type": "Collection", "stac_version": "1.0.0", "id": "%s", "description": "%s", "license": "CC0-1.0",
                 "extent": {"spatial": {"bbox": [[0, 0, 4, 1]]}, "temporal": {"interval": [["2024-01-01T00:00:00Z", null]]}},
                 "links": []}""".formatted(c, description);
    }

    private String seed() {
        String c = "tx-" + unique().substring(0, 8);
        assertThat(send(HttpMethod.POST, null, "/api/stac/collections", collection(c, "first")).getStatusCode().value())
                .isEqualTo(201);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            items.add(item(c, i, ""));
        }
        assertThat(send(HttpMethod.POST, null, "/api/stac/collections/" + c + "/items", "{\"type\": \"FeatureCollection\","
                + " \"features\": [" + String.join(",", items) + "]}").getStatusCode().value()).isEqualTo(201);
        return c;
    }

    @Test
    void fieldsSelectWhatEachItemCarries() throws Exception {
        String c = seed();
        String search = "/api/stac/search?collections=" + c + "&include_unpublished=true&sortby=id&fields=";
        JsonNode picked = get(search + "properties.eo:cloud_cover,-geometry");
        JsonNode first = picked.path("features").get(0);
        assertThat(first.path("properties").fieldNames()).toIterable().containsExactlyInAnyOrder("datetime", "eo:cloud_cover");
        assertThat(first.has("geometry")).isFalse();
        assertThat(first.has("assets") && first.has("bbox") && first.has("links") && first.has("id")).isTrue();
        // exclude only: the whole item less those, dotted paths too
        JsonNode less = get(search + "-assets.data.href,-properties.platform").path("features").get(0);
        assertThat(less.path("geometry").isObject()).isTrue();
        assertThat(less.path("assets").path("data").has("type")).isTrue();
        assertThat(less.path("assets").path("data").has("href")).isFalse();
        assertThat(less.path("properties").has("platform")).isFalse();
        assertThat(less.path("properties").has("eo:cloud_cover")).isTrue();
        // empty fields: the default set, still a valid STAC item
        JsonNode defaults = get(search).path("features").get(0);
        assertThat(defaults.path("properties").fieldNames()).toIterable().containsExactly("datetime");
        assertThat(defaults.path("geometry").isObject()).isTrue();
        StacValidator.validate(mapper, List.of(defaults));

        // POST: include properties, exclude one of them; the next link's body keeps the fields
        ResponseEntity<JsonNode> posted = send(HttpMethod.POST, null, "/api/stac/search", "{\"collections\": [\"" + c + "\"],"
                + " \"include_unpublished\": true, \"limit\": 2, \"fields\": {\"include\": [\"properties\"],"
                + " \"exclude\": [\"properties.platform\"]}}");
        assertThat(posted.getStatusCode().value()).isEqualTo(200);
        JsonNode p = posted.getBody().path("features").get(0).path("properties");
        assertThat(p.has("eo:cloud_cover") && p.has("datetime") && p.has("app:published")).isTrue();
        assertThat(p.has("platform")).isFalse();
        JsonNode next = null;
        for (JsonNode l : posted.getBody().path("links")) {
            next = "next".equals(l.path("rel").asText()) ? l : next;
        }
        assertThat(next).isNotNull();
        assertThat(next.path("body").path("fields").path("exclude").toString()).contains("properties.platform");
        // the items endpoint too, and its next links carry the fields
        JsonNode page = get("/api/stac/collections/" + c + "/items?include_unpublished=true&limit=1&fields=-geometry");
        assertThat(page.path("features").get(0).has("geometry")).isFalse();
        assertThat(page.path("links").toString()).contains("fields=-geometry");
        assertThat(http.getForEntity(search + "id;drop", JsonNode.class).getStatusCode().value()).isEqualTo(400);
        assertThat(send(HttpMethod.POST, null, "/api/stac/search", "{\"fields\": [\"id\"]}").getStatusCode().value()).isEqualTo(400);
        JsonNode conformance = get("/api/stac/conformance");
        assertThat(conformance.path("conformsTo").toString()).contains("item-search#fields", "ogcapi-features#fields",
                "ogcapi-features/extensions/transaction", "collections/extensions/transaction");
    }

    @Test
    void itemsAndCollectionsAreReplacedAndDeletedByApproversAndStayUnpublished() throws Exception {
        String c = seed();
        String itemPath = "/api/stac/collections/" + c + "/items/" + c + "-1";
        String changed = item(c, 1, ", \"title\": \"renamed\", \"app:published\": true, \"app:approved_by\": \"me\"");
        assertThat(send(HttpMethod.PUT, Role.SUBMITTER, itemPath, changed).getStatusCode().value()).isEqualTo(403);
        assertThat(send(HttpMethod.PUT, null, itemPath, changed).getStatusCode().value()).isNotEqualTo(401);
        ResponseEntity<JsonNode> put = send(HttpMethod.PUT, Role.APPROVER, itemPath, changed);
        assertThat(put.getStatusCode().value()).as(String.valueOf(put.getBody())).isEqualTo(200);
        JsonNode served = get(itemPath + "?include_unpublished=true");
        assertThat(served.path("properties").path("title").asText()).isEqualTo("renamed");
        // publication is the approval workflow's: a client cannot set it or forge a reviewer
        assertThat(served.path("properties").path("app:published").asBoolean()).isFalse();
        assertThat(served.path("properties").has("app:approved_by")).isFalse();
        assertThat(http.getForEntity(itemPath, JsonNode.class).getStatusCode().value()).isEqualTo(404);

        // PATCH: a JSON merge patch, validated like a whole item
        ResponseEntity<JsonNode> patched = patch(Role.APPROVER, itemPath,
                "{\"properties\": {\"title\": null, \"eo:cloud_cover\": 55}}");
        assertThat(patched.getStatusCode().value()).as(String.valueOf(patched.getBody())).isEqualTo(200);
        JsonNode afterPatch = get(itemPath + "?include_unpublished=true").path("properties");
        assertThat(afterPatch.path("eo:cloud_cover").asInt()).isEqualTo(55);
        assertThat(afterPatch.has("title")).isFalse();
        assertThat(afterPatch.path("platform").asText()).isEqualTo("sat-1");
        assertThat(patch(Role.APPROVER, itemPath, "{\"properties\": {\"datetime\": null}}").getStatusCode().value())
                .isEqualTo(400);
        assertThat(patch(Role.SUBMITTER, itemPath, "{}").getStatusCode().value()).isEqualTo(403);
        assertThat(send(HttpMethod.PUT, Role.APPROVER, itemPath, item(c, 2, "")).getStatusCode().value()).isEqualTo(400);
        assertThat(send(HttpMethod.PUT, Role.APPROVER, "/api/stac/collections/" + c + "/items/nope", item(c, 1, ""))
                .getStatusCode().value()).isEqualTo(404);
        ResponseEntity<JsonNode> invalid = send(HttpMethod.PUT, Role.APPROVER, itemPath,
                item(c, 1, "").replace("\"bbox\": [1, 0, 2, 1]", "\"bbox\": \"everywhere\""));
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(invalid.getBody().path("errors").findValuesAsText("field")).contains("bbox");
        ResponseEntity<JsonNode> badPost = send(HttpMethod.POST, null, "/api/stac/collections/" + c + "/items",
                item(c, 7, "").replace("\"stac_version\": \"1.0.0\", ", ""));
        assertThat(badPost.getStatusCode().value()).isEqualTo(400);
        assertThat(badPost.getBody().toString()).contains("stac_version");

        // what a job produced is not deleted behind its metadata's back
        jdbc.update("UPDATE stac.items SET job_id = 'some-job' WHERE collection_id = ? AND id = ?", c, c + "-2");
        assertThat(send(HttpMethod.DELETE, Role.APPROVER, "/api/stac/collections/" + c + "/items/" + c + "-2", null)
                .getStatusCode().value()).isEqualTo(409);
        assertThat(send(HttpMethod.PUT, Role.APPROVER, "/api/stac/collections/" + c + "/items/" + c + "-2", item(c, 2, ""))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(send(HttpMethod.DELETE, Role.APPROVER, "/api/stac/collections/" + c, null).getStatusCode().value())
                .isEqualTo(409);
        jdbc.update("UPDATE stac.items SET job_id = NULL WHERE collection_id = ? AND id = ?", c, c + "-2");

        assertThat(send(HttpMethod.DELETE, Role.SUBMITTER, itemPath, null).getStatusCode().value()).isEqualTo(403);
        assertThat(send(HttpMethod.DELETE, Role.APPROVER, itemPath, null).getBody().path("deleted").asInt()).isEqualTo(1);
        assertThat(http.getForEntity(itemPath + "?include_unpublished=true", JsonNode.class).getStatusCode().value()).isEqualTo(404);
        assertThat(send(HttpMethod.DELETE, Role.APPROVER, itemPath, null).getStatusCode().value()).isEqualTo(404);

        String collectionPath = "/api/stac/collections/" + c;
        ResponseEntity<JsonNode> replaced = send(HttpMethod.PUT, Role.APPROVER, collectionPath, collection(c, "second"));
        assertThat(replaced.getStatusCode().value()).as(String.valueOf(replaced.getBody())).isEqualTo(200);
        assertThat(get(collectionPath).path("description").asText()).isEqualTo("second");
        assertThat(send(HttpMethod.PUT, Role.APPROVER, collectionPath, collection(c + "x", "d")).getStatusCode().value())
                .isEqualTo(400);
        ResponseEntity<JsonNode> noLicense = send(HttpMethod.PUT, Role.APPROVER, collectionPath,
                collection(c, "d").replace("\"license\": \"CC0-1.0\",", ""));
        assertThat(noLicense.getStatusCode().value()).isEqualTo(400);
        assertThat(noLicense.getBody().toString()).contains("license");
        ResponseEntity<JsonNode> gone = send(HttpMethod.DELETE, Role.APPROVER, collectionPath, null);
        assertThat(gone.getStatusCode().value()).as(String.valueOf(gone.getBody())).isEqualTo(200);
        assertThat(gone.getBody().path("items_deleted").asInt()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM stac.items WHERE collection_id = ?", c)).isZero();
        assertThat(http.getForEntity(collectionPath, JsonNode.class).getStatusCode().value()).isEqualTo(404);
    }
}
