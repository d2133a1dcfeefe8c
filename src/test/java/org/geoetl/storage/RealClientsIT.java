package org.geoetl.storage;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.gdal.gdalconst.gdalconst;
import org.geoetl.support.RasterFixtures;
import org.geoetl.support.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * Clients nobody here wrote read what the service publishes: GDAL's /vsicurl opens every COG of a
 * collection with range requests (the service's read counter shows partial reads, no whole-file
 * download), and GDAL's STACIT driver mosaics the collection from a STAC search. The service runs
 * as its own process so that the asset hrefs (geoetl.public-url) point at it.
 */
class RealClientsIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    private HttpResponse<String> send(ServiceProcess service, String method, String path, HttpRequest.BodyPublisher body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.url() + path)).header("X-API-Key", service.adminKey())
                .header("Content-Type", "application/json").method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(ServiceProcess service, String path) throws Exception {
        return mapper.readTree(send(service, "GET", path, HttpRequest.BodyPublishers.noBody()).body());
    }

    private double reads(ServiceProcess service, String kind) throws Exception {
        HttpResponse<String> r = send(service, "GET", "/actuator/metrics/geoetl.storage.reads?tag=kind:" + kind,
                HttpRequest.BodyPublishers.noBody());
        return r.statusCode() == 404 ? 0 : mapper.readTree(r.body()).path("measurements").get(0).path("value").asDouble();
    }

    /** Runs a GDAL command-line tool as a client of the service, authenticated by a header. */
    private String gdal(ServiceProcess service, String... command) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().put("GDAL_HTTP_HEADERS", "X-API-Key: " + service.adminKey());
        b.environment().put("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
        b.environment().put("CPL_VSIL_CURL_CACHE_SIZE", "0");
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    private void processRaster(ServiceProcess service, String collection, int i) throws Exception {
        Path tif = RasterFixtures.tif(Path.of("target", "real-clients", UUID.randomUUID().toString()), "part" + i, 256, 256, 1,
                gdalconst.GDT_Float32, 4326, new double[] {29.0 + 0.256 * i, -1.0}, 0.001, null, (b, x, y) -> 100 * i + x);
        String blob = "clients/" + collection + "/part" + i + ".tif";
        assertThat(send(service, "PUT", "/api/storage/bronze-rasters/" + blob, HttpRequest.BodyPublishers.ofFile(tif))
                .statusCode()).isEqualTo(201);
        HttpResponse<String> submitted = send(service, "POST", "/api/jobs/submit/process_raster", HttpRequest.BodyPublishers
                .ofString("{\"container_name\": \"bronze-rasters\", \"blob_name\": \"" + blob + "\", \"output_container\":"
                        + " \"silver-cogs\", \"collection_id\": \"" + collection + "\", \"item_id\": \"part" + i + "\"}"));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String job = mapper.readTree(submitted.body()).path("job_id").asText();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> List.of("completed", "failed").contains(json(service, "/api/jobs/status/" + job).path("status").asText()));
        assertThat(json(service, "/api/jobs/status/" + job).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void gdalReadsEveryCogByRangesAndMosaicsTheCollectionFromASearch() throws Exception {
        try (ServiceProcess service = new ServiceProcess("real-clients",
                "--geoetl.storage.accounts.local.root=" + Path.of("target", "test-storage").toAbsolutePath(),
                "--geoetl.worker.work-dir=target/work-real-clients", "--geoetl.janitor.enabled=false",
                "--geoetl.worker.reaper=false", "--geoetl.roles.scheduler=false")) {
            service.start();
            String collection = "clients-" + UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < 3; i++) {
                processRaster(service, collection, i);
            }
            JsonNode items = json(service, "/api/stac/collections/" + collection + "/items?include_unpublished=true");
            List<String> hrefs = new ArrayList<>();
            items.path("features").forEach(f -> hrefs.add(f.path("assets").path("data").path("href").asText()));
            assertThat(hrefs).hasSize(3).allMatch(h -> h.startsWith(service.url() + "/api/storage/silver-cogs/"));

            double partialBefore = reads(service, "partial");
            double fullBefore = reads(service, "full");
            for (String href : hrefs) {
                String info = gdal(service, "gdalinfo", "/vsicurl/" + href);
                assertThat(info).contains("Driver: GTiff/GeoTIFF", "Size is 256, 256", "LAYOUT=COG");
            }
            double partial = reads(service, "partial") - partialBefore;
            assertThat(partial).isGreaterThanOrEqualTo(3);
            System.out.printf("RealClientsIT: gdalinfo of %d COGs made %.0f range reads, %.0f whole-file reads%n",
                    hrefs.size(), partial, reads(service, "full") - fullBefore);
            assertThat(reads(service, "full")).isEqualTo(fullBefore);

            String search = service.url() + "/api/stac/search?collections=" + collection + "&include_unpublished=true&limit=100";
            // STACIT (GDAL 3.6) answers with the VRT mosaic it builds from the search's items
            String stacit = "STACIT:\"" + search + "\":asset=data";
            String mosaic = gdal(service, "gdalinfo", stacit);
            assertThat(mosaic).contains("Driver: VRT/Virtual Raster", "Size is 768, 256", "Origin = (29.000000000000000,-1.000000000000000)");
            hrefs.forEach(h -> assertThat(mosaic).contains("/vsicurl/" + h));
            // and reads pixels through it: column 266 is column 10 of part 1 (value 100 * 1 + 10)
            assertThat(gdal(service, "gdallocationinfo", "-valonly", stacit, "266", "5").trim()).isEqualTo("110");
            assertThat(reads(service, "full")).isEqualTo(fullBefore);
        }
    }
}
