package org.geoetl.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.geoetl.support.Azurite;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Blobs served as range-reading clients and browser viewers read them, on local storage and Azure Blob. */
class BlobReadsIT extends EngineTestSupport {

    @Autowired
    StorageAccounts accounts;

    private final HttpClient client = HttpClient.newHttpClient();
    private final byte[] content = new byte[100_000];

    {
        new Random(7).nextBytes(content);
    }

    private HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.getRootUri() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("X-API-Key", adminKey());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String put(String account) {
        String name = "reads/" + unique() + "/blob.bin";
        BlobStorage storage = accounts.get(account);
        storage.ensureContainer("bronze");
        storage.put("bronze", name, new ByteArrayInputStream(content), Long.MAX_VALUE, null);
        return "/api/storage/bronze/" + name + (account.equals("local") ? "" : "?account=" + account);
    }

    @Test
    void rangesAndValidatorsOnLocalStorage() throws Exception {
        rangesAndValidators(put("local"));
    }

    @Test
    void rangesAndValidatorsOnAzureBlob() throws Exception {
        Azurite.ensureRunning();
        rangesAndValidators(put("azurite"));
    }

    private void rangesAndValidators(String path) throws Exception {
        HttpResponse<byte[]> whole = send("GET", path);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(content);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        String modified = whole.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"");

        HttpResponse<byte[]> part = send("GET", path, "Range", "bytes=1000-1999");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/100000");
        assertThat(part.headers().firstValueAsLong("Content-Length")).hasValue(1000);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));
        HttpResponse<byte[]> tail = send("GET", path, "Range", "bytes=-16");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, 99_984, 100_000));
        HttpResponse<byte[]> past = send("GET", path, "Range", "bytes=100000-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */100000");

        // If-Range: the range of the current version, the whole blob for another
        assertThat(send("GET", path, "Range", "bytes=0-9", "If-Range", etag).statusCode()).isEqualTo(206);
        HttpResponse<byte[]> changed = send("GET", path, "Range", "bytes=0-9", "If-Range", "\"an-older-version\"");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).hasSize(content.length);

        // conditional requests
        HttpResponse<byte[]> same = send("GET", path, "If-None-Match", etag);
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(send("GET", path, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        assertThat(send("GET", path, "If-Modified-Since", modified).statusCode()).isEqualTo(304);

        // HEAD: the headers of the GET, no body
        HttpResponse<byte[]> head = send("HEAD", path);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
        assertThat(head.headers().firstValue("ETag")).hasValue(etag);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aReplacedBlobHasANewEtag() throws Exception {
        String path = put("local");
        String before = send("HEAD", path).headers().firstValue("ETag").orElseThrow();
        String name = path.substring("/api/storage/bronze/".length());
        accounts.get("local").put("bronze", name, new ByteArrayInputStream(new byte[] {1, 2, 3}), Long.MAX_VALUE, null);
        HttpResponse<byte[]> after = send("GET", path, "If-None-Match", before);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).containsExactly(1, 2, 3);
    }

    @Test
    void cogsAreServedAsCloudOptimizedGeoTiffs() throws Exception {
        Path cog = Path.of("target", "reads-" + unique() + ".tif");
        Files.createDirectories(cog.getParent());
        org.gdal.gdal.gdal.AllRegister();
        org.gdal.gdal.Dataset src = org.gdal.gdal.gdal.GetDriverByName("MEM").Create("", 300, 300, 1);
        src.SetGeoTransform(new double[] {29, 0.001, 0, -1, 0, -0.001});
        org.gdal.gdal.Dataset out = org.gdal.gdal.gdal.GetDriverByName("COG").CreateCopy(cog.toString(), src);
        out.delete();
        src.delete();
        String name = "reads/" + unique() + "/cog.tif";
        accounts.get("local").put("bronze", name, Files.newInputStream(cog), Long.MAX_VALUE, null);
        assertThat(send("HEAD", "/api/storage/bronze/" + name).headers().firstValue("Content-Type"))
                .hasValue(BlobContentTypes.COG);
        String plain = "reads/" + unique() + "/plain.tif";
        Path gtiff = Path.of("target", "reads-" + unique() + "-plain.tif");
        org.gdal.gdal.Dataset g = org.gdal.gdal.gdal.GetDriverByName("GTiff").Create(gtiff.toString(), 10, 10, 1);
        g.delete();
        accounts.get("local").put("bronze", plain, Files.newInputStream(gtiff), Long.MAX_VALUE, null);
        assertThat(send("HEAD", "/api/storage/bronze/" + plain).headers().firstValue("Content-Type"))
                .hasValue(BlobContentTypes.GEOTIFF);
        Files.delete(cog);
        Files.delete(gtiff);
    }

    @Test
    void browserViewersOfTheAllowListMayReadRangesOthersNot() throws Exception {
        String path = put("local");
        String viewer = "https://viewer.example.org";
        HttpResponse<byte[]> preflight = send("OPTIONS", path, "Origin", viewer, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "range,x-api-key");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(viewer);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("range").contains("x-api-key");
        HttpResponse<byte[]> read = send("GET", path, "Origin", viewer, "Range", "bytes=0-3");
        assertThat(read.statusCode()).isEqualTo(206);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue(viewer);
        assertThat(read.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("Content-Range")
                .contains("ETag");
        // another origin, and a write by the viewer origin, get no CORS grant: the browser withholds the answer
        HttpResponse<byte[]> stranger = send("GET", path, "Origin", "https://evil.example.com");
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<byte[]> write = send("OPTIONS", path, "Origin", viewer, "Access-Control-Request-Method", "PUT");
        assertThat(write.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(write.headers().firstValue("Access-Control-Allow-Methods").orElse("")).doesNotContain("PUT");
        // STAC search from the viewer
        HttpResponse<byte[]> search = send("OPTIONS", "/api/stac/search", "Origin", viewer,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertThat(search.headers().firstValue("Access-Control-Allow-Origin")).hasValue(viewer);
    }
}
