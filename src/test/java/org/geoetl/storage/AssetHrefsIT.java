package org.geoetl.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.gdal.gdalconst.gdalconst;
import org.geoetl.support.Azurite;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.RasterFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * On an Azure account with asset-hrefs blob-sas, the STAC API hands out the blob's own URL with a
 * short-lived read-only SAS, and GDAL (/vsicurl) reads the blob from Azure directly with it —
 * the plain blob URL it refuses. The SAS is made per response; the catalog keeps the plain URL.
 */
class AssetHrefsIT extends EngineTestSupport {

    @Autowired
    StorageAccounts accounts;

    private static int gdalinfo(String target, StringBuilder output) throws Exception {
        ProcessBuilder b = new ProcessBuilder("gdalinfo", "/vsicurl/" + target).redirectErrorStream(true);
        b.environment().put("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
        b.environment().put("CPL_VSIL_CURL_CACHE_SIZE", "0");
        Process p = b.start();
        output.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private void post(String path, String body) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.postForEntity(path, new HttpEntity<>(body, h), JsonNode.class).getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void itemsOnAzureCarryASasThatGdalReadsWith() throws Exception {
        Azurite.ensureRunning();
        BlobStorage azure = accounts.get("azurite-sas");
        azure.ensureContainer("silver-cogs");
        Path tif = RasterFixtures.tif(Path.of("target", "asset-hrefs", unique()), "dem", 64, 64, 1, gdalconst.GDT_Float32,
                4326, new double[] {30.0, -2.0}, 0.001, null, (band, x, y) -> x + y);
        String blob = "sas/" + unique() + "/dem file.tif";
        azure.put("silver-cogs", blob, Files.newInputStream(tif), Long.MAX_VALUE, "image/tiff");
        String plain = azure.href("silver-cogs", blob);

        String c = "sas-" + unique().substring(0, 8);
        post("/api/stac/collections", """
                {"type": "Collection", "stac_version": "1.0.0", "id": "%s", "description": "d", "license": "CC0-1.0",
                 "extent": {"spatial": {"bbox": [[30, -2.1, 30.1, -2]]}, "temporal": {"interval": [["2024-01-01T00:00:00Z", null]]}},
                 "links": []}""".formatted(c));
        post("/api/stac/collections/" + c + "/items", """
                {"type": "Feature", "stac_version": "1.0.0", "id": "dem", "bbox": [30, -2.064, 30.064, -2],
                 "geometry": {"type": "Polygon", "coordinates": [[[30, -2.064], [30.064, -2.064], [30.064, -2], [30, -2], [30, -2.064]]]},
                 "properties": {"datetime": "2024-01-01T00:00:00Z"},
                 "assets": {"data": {"href": "%s", "type": "image/tiff; application=geotiff"}}, "links": []}""".formatted(plain));

        Instant before = Instant.now();
        String href = get("/api/stac/collections/" + c + "/items/dem?include_unpublished=true")
                .path("assets").path("data").path("href").asText();
        assertThat(href).startsWith(plain + "?").contains("sig=", "sp=r");
        Instant expiry = Instant.parse(URLDecoder.decode(href.replaceFirst(".*[?&]se=([^&]+).*", "$1"), StandardCharsets.UTF_8));
        assertThat(expiry).isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        // the catalog keeps the plain URL: a SAS exists only in the responses
        assertThat(jdbc.queryForObject("SELECT content->'assets'->'data'->>'href' FROM stac.items WHERE collection_id = ?",
                String.class, c)).isEqualTo(plain);
        // search results carry one too
        assertThat(get("/api/stac/search?collections=" + c + "&include_unpublished=true").findValuesAsText("href"))
                .anyMatch(h -> h.startsWith(plain + "?") && h.contains("sig="));

        StringBuilder out = new StringBuilder();
        assertThat(gdalinfo(href, out)).as(out.toString()).isZero();
        assertThat(out).contains("Driver: GTiff/GeoTIFF", "Size is 64, 64");
        StringBuilder refused = new StringBuilder();
        assertThat(gdalinfo(plain, refused)).as("the plain blob URL without a SAS: " + refused).isNotZero();

        // a client writes the item back as it read it (SAS and all): the catalog keeps the plain URL
        JsonNode read = get("/api/stac/collections/" + c + "/items/dem?include_unpublished=true");
        ((com.fasterxml.jackson.databind.node.ObjectNode) read).remove(java.util.List.of("links", "collection"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) read.path("properties")).put("title", "written back");
        HttpHeaders h = as(key(org.geoetl.security.Role.APPROVER));
        h.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.exchange("/api/stac/collections/" + c + "/items/dem", org.springframework.http.HttpMethod.PUT,
                new HttpEntity<>(read.toString(), h), JsonNode.class).getStatusCode().value()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT content->'assets'->'data'->>'href' FROM stac.items WHERE collection_id = ?",
                String.class, c)).isEqualTo(plain);
    }
}
