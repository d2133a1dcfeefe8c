package org.geoetl.gdal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gdal.osr.SpatialReference;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * No GDAL code path may open a URL: files that name one (a GeoJSON crs link, a SQLite VirtualOGR
 * table, a /vsicurl/ path) run through the real service, and a listener standing where they
 * point must see zero requests.
 */
class GdalNoNetworkIT extends EngineTestSupport {

    @Autowired
    StorageAccounts accounts;
    @Autowired
    GdalRuntime gdal;

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

    @Test
    void aGeoJsonWhoseCrsIsALinkIsLoadedWithoutFetchingIt() {
        String geojson = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"link\",\"properties\":{\"href\":\""
                + url("/crs.wkt") + "\",\"type\":\"ogcwkt\"}},\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":1},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}";
        String blob = "nonet/" + unique() + "/link.geojson";
        accounts.get("local").put("bronze", blob, new ByteArrayInputStream(geojson.getBytes(StandardCharsets.UTF_8)),
                Long.MAX_VALUE, null);
        String table = "nonet_" + unique().substring(0, 8);
        JsonNode job = submit("process_vector", "{\"blob_name\": \"" + blob + "\", \"table_name\": \"" + table + "\"}").getBody();
        JsonNode end = awaitEnd(job.path("job_id").asText(), Duration.ofSeconds(60));
        assertThat(requests).isEmpty();
        assertThat(end.toString()).doesNotContain("FETCHED_FROM_NET");
        assertThat(end.path("status").asText()).isEqualTo("completed");
    }

    private static boolean opens(String path) {
        try {
            return org.gdal.gdal.gdal.OpenEx(path) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void urlsAndVirtualPathsGivenToGdalDirectlyAreNotFetched() {
        gdal.require();
        SpatialReference srs = new SpatialReference();
        try {
            srs.SetFromUserInput(url("/x.wkt"));
        } catch (RuntimeException expected) {
            // refused: that is the point
        }
        assertThat(opens("/vsicurl/" + url("/a.tif"))).isFalse();
        assertThat(opens("/vsizip//vsicurl/" + url("/c.zip"))).isFalse();
        assertThat(opens(url("/b.geojson"))).isFalse();
        assertThat(requests).isEmpty();
        assertThat(org.gdal.ogr.ogr.GetDriverByName("PostgreSQL")).isNull();
    }
}
