package org.geoetl.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.StacValidator;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The STAC API itself: registration, paging with next links, sortby, intersects, bad requests, validity. */
class StacApiIT extends EngineTestSupport {

    private ResponseEntity<JsonNode> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private String item(String collection, int i) {
        double x = -10 + i;
        return """
                {"type": "Feature", "stac_version": "1.0.0", "id": "%s-%d", "bbox": [%s, 0, %s, 1],
                 "geometry": {"type": "Polygon", "coordinates": [[[%s, 0], [%s, 0], [%s, 1], [%s, 1], [%s, 0]]]},
                 "properties": {"datetime": "2023-0%d-15T12:00:00Z"},
                 "assets": {"data": {"href": "https://example.org/%d.tif", "type": "image/tiff; application=geotiff"}},
                 "links": []}""".formatted(collection, i, x, x + 1, x, x + 1, x + 1, x, x, 1 + i % 9, i);
    }

    @Test
    void registersPagesSortsAndServesValidStac() throws Exception {
        String c = "api-" + unique().substring(0, 8);
        assertThat(post("/api/stac/collections", """
                {"type": "Collection", "stac_version": "1.0.0", "id": "%s", "description": "t", "license": "CC0-1.0",
                 "extent": {"spatial": {"bbox": [[-10, 0, 3, 1]]}, "temporal": {"interval": [["2023-01-01T00:00:00Z", null]]}},
                 "links": []}""".formatted(c)).getStatusCode().value()).isEqualTo(201);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add(item(c, i));
        }
        ResponseEntity<JsonNode> added = post("/api/stac/collections/" + c + "/items",
                "{\"type\": \"FeatureCollection\", \"features\": [" + String.join(",", items) + "]}");
        assertThat(added.getStatusCode().value()).isEqualTo(201);
        assertThat(added.getBody().path("registered").asInt()).isEqualTo(12);
        // registering the same items again is an upsert
        post("/api/stac/collections/" + c + "/items", "{\"type\": \"FeatureCollection\", \"features\": [" + items.get(0) + "]}");
        assertThat(count("SELECT count(*) FROM stac.items WHERE collection_id = ?", c)).isEqualTo(12);

        // paging: follow next links through 12 items, 5 at a time
        List<String> seen = new ArrayList<>();
        String next = "/api/stac/collections/" + c + "/items?limit=5&include_unpublished=true";
        while (next != null) {
            JsonNode page = get(next.replaceFirst("^http://[^/]+", ""));
            page.path("features").forEach(f -> seen.add(f.path("id").asText()));
            next = null;
            for (JsonNode link : page.path("links")) {
                if ("next".equals(link.path("rel").asText())) {
                    next = link.path("href").asText();
                }
            }
        }
        assertThat(seen).hasSize(12).doesNotHaveDuplicates();

        JsonNode sorted = post("/api/stac/search", "{\"collections\": [\"" + c + "\"], \"include_unpublished\": true,"
                + " \"sortby\": [{\"field\": \"properties.datetime\", \"direction\": \"desc\"}], \"limit\": 3}").getBody();
        assertThat(sorted.path("features").get(0).path("properties").path("datetime").asText()).startsWith("2023-09");
        JsonNode hit = post("/api/stac/search", "{\"collections\": [\"" + c + "\"], \"include_unpublished\": true,"
                + " \"intersects\": {\"type\": \"Point\", \"coordinates\": [-4.5, 0.5]}}").getBody();
        assertThat(hit.path("features").findValuesAsText("id")).containsExactly(c + "-5");

        List<JsonNode> served = new ArrayList<>();
        served.add(get("/api/stac/collections/" + c));
        sorted.path("features").forEach(served::add);
        StacValidator.validate(mapper, served);

        assertThat(post("/api/stac/collections/" + c + "/items", "{\"type\": \"Feature\", \"id\": \"x\"}").getStatusCode().value())
                .isEqualTo(400);
        assertThat(http.getForEntity("/api/stac/search?bbox=1,2,3", JsonNode.class).getStatusCode().value()).isEqualTo(400);
        assertThat(http.getForEntity("/api/stac/search?datetime=yesterday", JsonNode.class).getStatusCode().value()).isEqualTo(400);
        assertThat(http.getForEntity("/api/stac/search?sortby=-cloudiness", JsonNode.class).getStatusCode().value()).isEqualTo(400);
        assertThat(http.getForEntity("/api/stac/collections/nope-" + c, JsonNode.class).getStatusCode().value()).isEqualTo(404);
        // CQL2 filters (Cql2FilterIT compares them with SQL): an id no item has matches nothing; a malformed one is a 400
        ResponseEntity<JsonNode> filtered = post("/api/stac/search", "{\"filter\": {\"op\": \"=\", \"args\": [{\"property\": \"id\"}, \"x\"]}}");
        assertThat(filtered.getStatusCode().value()).isEqualTo(200);
        assertThat(filtered.getBody().path("features").size()).isZero();
        assertThat(http.getForEntity("/api/stac/search?filter=id='x'", JsonNode.class).getStatusCode().value()).isEqualTo(200);
        assertThat(http.getForEntity("/api/stac/search?filter=id=", JsonNode.class).getStatusCode().value()).isEqualTo(400);
        JsonNode landing = get("/api/stac");
        assertThat(landing.path("conformsTo").toString()).contains("item-search");
    }
}
