package org.geoetl.curated.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.geoetl.curated.CuratedProperties;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.support.IbatReplayServer;
import org.geoetl.support.TestOutbound;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** IbatClient against IbatReplayServer: format choice, link vetting, downloads and their names. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IbatClientTest {

    private static final String KEY = "ibat-key-7f3a9c";
    private static final String TOKEN = "ibat-token-d41d8c";

    @TempDir
    Path dir;
    private IbatReplayServer ibat;
    private final Map<String, String> env = new HashMap<>(Map.of("WDPA_AUTH_KEY", KEY, "WDPA_AUTH_TOKEN", TOKEN));
    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    private IbatClient client;

    @BeforeEach
    void start() throws IOException {
        ibat = new IbatReplayServer(KEY, TOKEN);
        RetryingHttp http = new RetryingHttp(TestOutbound.loopback(), new CuratedProperties.Retry(3, Duration.ofSeconds(1),
                Duration.ofSeconds(60)), slept::add, Clock.systemUTC(), () -> 0.5);
        client = new IbatClient(http, URI.create(ibat.apiBaseUrl() + "/"), new ObjectMapper(), env::get);
    }

    @AfterEach
    void stop() {
        ibat.close();
    }

    // --- realistic payloads ------------------------------------------------------------------

    /** A zipped Shapefile as IBAT ships it: the four parts of one layer. */
    static byte[] shapefileZip(String layer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String ext : List.of("shp", "shx", "dbf", "prj")) {
                zip.putNextEntry(new ZipEntry(layer + "." + ext));
                zip.write((ext.equals("prj") ? "GEOGCS[\"GCS_WGS_1984\"]" : layer + " " + ext + " part").getBytes(UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The first bytes of a GeoPackage (an SQLite 3 database), padded to one page. */
    static byte[] geopackage() {
        byte[] page = new byte[4096];
        byte[] header = "SQLite format 3\0".getBytes(UTF_8);
        System.arraycopy(header, 0, page, 0, header.length);
        return page;
    }

    static byte[] tarGz() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(new byte[1024]); // an empty tar is 1024 zero bytes
        }
        return bytes.toByteArray();
    }

    private void wdpaInAllFormats() throws IOException {
        ibat.release("wdpa", "2026-11-01");
        ibat.offer("wdpa", "shp", shapefileZip("WDPA_Nov2026_Public"), "application/zip");
        ibat.offer("wdpa", "geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}".getBytes(UTF_8), "application/geo+json");
        ibat.offer("wdpa", "gdb", shapefileZip("WDPA_Nov2026_Public.gdb"), "application/zip");
        ibat.offer("wdpa", "gpkg", geopackage(), "application/geopackage+sqlite3");
    }

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    // --- latest --------------------------------------------------------------------------------

    @Test
    void latestPicksGeoPackageAndSendsDatasetAndCredentials() throws IOException {
        wdpaInAllFormats();
        IbatRelease release = client.latest("wdpa");
        assertThat(release.datasetName()).isEqualTo("wdpa");
        assertThat(release.format()).isEqualTo("gpkg");
        assertThat(release.updateDate()).isEqualTo("2026-11-01");
        assertThat(release.fileSize()).isEqualTo(4096L);
        assertThat(release.downloadUrl().getPath()).isEqualTo("/v1/downloads/wdpa/gpkg");
        assertThat(release.toString()).doesNotContain(release.downloadUrl().getPath());
        assertThat(ibat.requests("/v1/data-downloads")).singleElement().satisfies(r -> {
            assertThat(r.query()).containsEntry("dataset_name", "wdpa").containsEntry("auth_key", KEY)
                    .containsEntry("auth_token", TOKEN);
            assertThat(r.header("accept")).isEqualTo("application/json");
        });
    }

    @Test
    void withoutGeoPackageShapefileThenFileGdbThenGeoJsonAreChosen() throws IOException {
        ibat.release("kba", "2026-09-15");
        ibat.offer("kba", "geojson", "{}".getBytes(UTF_8), "application/geo+json");
        ibat.offer("kba", "csv", "a,b".getBytes(UTF_8), "text/csv");
        assertThat(client.latest("kba").format()).isEqualTo("geojson");
        ibat.offer("kba", "FileGDB", shapefileZip("KBA.gdb"), "application/zip");
        assertThat(client.latest("kba").format()).isEqualTo("gdb");
        ibat.offer("kba", "Shapefile", shapefileZip("KBA"), "application/zip");
        assertThat(client.latest("kba").format()).isEqualTo("shp");
    }

    @Test
    void noLoadableFormatIsPermanentAndSaysWhatWasOffered() {
        ibat.release("kba", "2026-09-15");
        ibat.offer("kba", "csv", "a,b".getBytes(UTF_8), "text/csv");
        ibat.offer("kba", "kml", "<kml/>".getBytes(UTF_8), "application/vnd.google-earth.kml+xml");
        PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class, () -> client.latest("kba"));
        assertThat(e.getMessage()).contains("offered: csv, kml");
    }

    @Test
    void missingCredentialsArePermanentNamingTheVariablesWithoutARequest() {
        env.remove("WDPA_AUTH_TOKEN");
        env.put("WDPA_AUTH_KEY", " ");
        PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class, () -> client.latest("wdpa"));
        assertThat(e.getMessage()).contains("WDPA_AUTH_KEY and WDPA_AUTH_TOKEN");
        assertThat(ibat.requests()).isEmpty();
    }

    @Test
    void refusedCredentialsArePermanentNamingTheVariablesNotTheValues() throws IOException {
        wdpaInAllFormats();
        env.put("WDPA_AUTH_TOKEN", "expired-token-0000");
        PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class, () -> client.latest("wdpa"));
        assertThat(e.getMessage()).isEqualTo("IBAT refused the credentials (HTTP 401); check WDPA_AUTH_KEY and WDPA_AUTH_TOKEN");
        assertThat(ibat.count("/v1/data-downloads")).as("not retried").isEqualTo(1);
    }

    @Test
    void aNonHttpDownloadLinkIsRefused() throws IOException {
        wdpaInAllFormats();
        for (String link : List.of("file:///etc/passwd", "jar:file:///app.jar!/application.yaml", "ftp://example.org/x.zip")) {
            ibat.downloadUrl("wdpa", "gpkg", link);
            PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class, () -> client.latest("wdpa"));
            assertThat(e).as(link).isNotNull();
            assertThat(e.getMessage()).contains("scheme", "only http and https").doesNotContain("passwd");
        }
    }

    @Test
    void serverTroubleIsRetriedHonouringRetryAfter() throws IOException {
        wdpaInAllFormats();
        ibat.answerNext("/v1/data-downloads", 1, 429, "{\"message\":\"slow down\"}", "Retry-After", "12");
        ibat.answerNext("/v1/data-downloads", 1, 500, "");
        assertThat(client.latest("wdpa").format()).isEqualTo("gpkg");
        assertThat(slept).containsExactly(Duration.ofSeconds(12), Duration.ofSeconds(1));
    }

    @Test
    void aDatasetNameThatIsNotAPlainTokenIsRefused() {
        assertThat(catchThrowableOfType(PermanentTaskException.class, () -> client.latest("../wdpa"))).isNotNull();
        assertThat(ibat.requests()).isEmpty();
    }

    // --- download ------------------------------------------------------------------------------

    @Test
    void downloadFollowsTheLinkAndNamesTheFileByItsBytesNotByTheServer() throws IOException {
        wdpaInAllFormats();
        Path gpkg = client.download(client.latest("wdpa"), dir, 1_000_000);
        assertThat(gpkg).isEqualTo(dir.resolve("ibat-wdpa.gpkg"));
        assertThat(Files.readAllBytes(gpkg)).isEqualTo(geopackage());

        ibat.release("kba", "2026-09-15");
        ibat.offer("kba", "shp", shapefileZip("KBA"), "application/octet-stream");
        Path zip = client.download(client.latest("kba"), dir, 1_000_000);
        assertThat(zip).isEqualTo(dir.resolve("ibat-kba.zip"));
        assertThat(Files.readAllBytes(zip)).isEqualTo(shapefileZip("KBA"));
        ibat.offer("kba", "gpkg", tarGz(), "application/gzip"); // announced as gpkg, but a tarball
        assertThat(client.download(client.latest("kba"), dir, 1_000_000)).isEqualTo(dir.resolve("ibat-kba.tar.gz"));

        assertThat(filesInDir()).containsExactlyInAnyOrder(gpkg, zip, dir.resolve("ibat-kba.tar.gz"));
        assertThat(dir.getParent().resolve("etc")).doesNotExist();
        assertThat(ibat.requests("/files/wdpa/gpkg")).singleElement()
                .satisfies(r -> assertThat(r.everything()).doesNotContain(KEY).doesNotContain(TOKEN));
    }

    @Test
    void aLinkToCloudMetadataIsRefusedByTheGuardAsPermanentWithoutRetry() throws IOException {
        wdpaInAllFormats();
        ibat.downloadUrl("wdpa", "gpkg", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        IbatRelease release = client.latest("wdpa");
        PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class,
                () -> client.download(release, dir, 1_000_000));
        assertThat(e.getMessage()).contains("blocked-address", "169.254.169.254", "cloud metadata")
                .doesNotContain("security-credentials");
        assertThat(slept).isEmpty();
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void moreThanMaxBytesIsRefusedAndLeavesNoFile() throws IOException {
        wdpaInAllFormats();
        ibat.chunked(true);
        ibat.fileSize("wdpa", "gpkg", null); // nothing announced: only counting can tell
        PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class,
                () -> client.download(client.latest("wdpa"), dir, 1000));
        assertThat(e.getMessage()).contains("exceeds its limit (1000 bytes)");
        assertThat(filesInDir()).isEmpty();
        assertThat(slept).isEmpty();
    }

    @Test
    void anAnnouncedSizeOverMaxBytesIsRefusedBeforeDownloading() throws IOException {
        wdpaInAllFormats();
        ibat.fileSize("wdpa", "gpkg", 9L << 30);
        PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class,
                () -> client.download(client.latest("wdpa"), dir, 8L << 30));
        assertThat(e.getMessage()).contains("max-download");
        assertThat(ibat.count("/v1/downloads/wdpa/gpkg")).isZero();
    }

    @Test
    void aDownloadThatIsNoArchiveIsRefusedAndRemoved() throws IOException {
        ibat.release("wdpa", "2026-11-01");
        ibat.offer("wdpa", "shp", "<html><body>Please log in</body></html>".getBytes(UTF_8), "text/html");
        PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class,
                () -> client.download(client.latest("wdpa"), dir, 1_000_000));
        assertThat(e.getMessage()).contains("text/html", "not a zip");
        assertThat(filesInDir()).isEmpty();
    }
}
