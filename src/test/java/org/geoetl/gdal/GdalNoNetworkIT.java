package org.geoetl.gdal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.geoetl.support.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No GDAL code path may open a URL: files that name one (a GeoJSON crs link) run through a real
 * service, and URLs and virtual network paths go to GDAL directly in a child JVM; a listener
 * standing where they point must see zero requests. Both run in their own processes: GDAL's
 * failure paths for refused network access are exercised here, and must not share a heap with the
 * rest of the suite.
 */
class GdalNoNetworkIT {

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer listener;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws Exception {
        listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        listener.createContext("/", ex -> {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            byte[] wkt = "GEOGCS[\"FETCHED_FROM_NET\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]"
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, wkt.length);
            ex.getResponseBody().write(wkt);
            ex.close();
        });
        listener.start();
    }

    @AfterEach
    void stop() {
        listener.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + listener.getAddress().getPort() + path;
    }

    private HttpResponse<String> send(ServiceProcess service, String method, String path, String type, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.url() + path)).header("X-API-Key", service.adminKey())
                .header("Content-Type", type).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aGeoJsonWhoseCrsIsALinkIsLoadedWithoutFetchingIt() throws Exception {
        String geojson = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"link\",\"properties\":{\"href\":\""
                + url("/crs.wkt") + "\",\"type\":\"ogcwkt\"}},\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":1},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}";
        try (ServiceProcess service = new ServiceProcess("gdal-no-network",
                "--geoetl.storage.accounts.local.root=" + Path.of("target", "test-storage").toAbsolutePath(),
                "--geoetl.worker.work-dir=target/work-no-network", "--geoetl.janitor.enabled=false")) {
            service.start();
            String blob = "nonet/" + UUID.randomUUID() + "/link.geojson";
            assertThat(send(service, "PUT", "/api/storage/bronze/" + blob, "application/octet-stream", geojson)
                    .statusCode()).isEqualTo(201);
            String table = "nonet_" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> submitted = send(service, "POST", "/api/jobs/submit/process_vector", "application/json",
                    "{\"blob_name\": \"" + blob + "\", \"table_name\": \"" + table + "\"}");
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
            String job = mapper.readTree(submitted.body()).path("job_id").asText();
            JsonNode[] end = new JsonNode[1];
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
                end[0] = mapper.readTree(send(service, "GET", "/api/jobs/status/" + job, "application/json", null).body());
                return List.of("completed", "failed").contains(end[0].path("status").asText());
            });
            assertThat(requests).isEmpty();
            assertThat(end[0].toString()).doesNotContain("FETCHED_FROM_NET");
            assertThat(end[0].path("status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void urlsAndVirtualPathsGivenToGdalDirectlyAreNotFetched() throws Exception {
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.library.path=" + Path.of(".local", "gdal-jni").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), GdalProbe.class.getName(), url(""))
                .redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(out).isZero();
        assertThat(out).contains("srs=refused", "open /vsicurl//a.tif=false", "open /vsizip//vsicurl//c.zip=false", "open /b.geojson=false",
                "postgresql-driver=false");
        assertThat(requests).isEmpty();
    }
}
