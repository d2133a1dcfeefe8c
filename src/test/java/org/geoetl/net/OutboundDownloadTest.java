package org.geoetl.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.geoetl.net.OutboundRefusedException.Rule;
import org.geoetl.support.ReplayServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** OutboundHttp.download against a loopback server: streamed to a file, capped, same guard as get(). */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class OutboundDownloadTest {

    @TempDir
    Path dir;
    private ReplayServer server;
    private final List<String> connections = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new ReplayServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Loopback tolerated for 127.0.0.1 only; max-response 1 KB, far below the downloads here. */
    private OutboundHttp http() {
        OutboundProperties policy = new OutboundProperties(List.of("http"), List.of("127.0.0.1", "169.254.169.254"),
                List.of("127.0.0.1"), Duration.ofSeconds(2), Duration.ofSeconds(5), 3, DataSize.ofKilobytes(1));
        return new OutboundHttp(new OutboundGuard(policy), policy, target -> connections.add(target.host()));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void streamsTheBodyToTheTargetPastMaxResponseAndReportsBytesAndHeaders() throws Exception {
        byte[] body = bytes(3 * 1024 * 1024);
        server.route("/file.zip", (ex, r) -> ReplayServer.respond(ex, 200, body, "Content-Type", "application/zip"));
        Path target = dir.resolve("out.zip");

        OutboundDownload answer = http().download(server.uri("/file.zip?sig=1"), Map.of("Accept", "*/*"), target, 10_000_000);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.isSuccess()).isTrue();
        assertThat(answer.bytes()).isEqualTo(body.length);
        assertThat(answer.header("Content-Type")).contains("application/zip");
        assertThat(Files.readAllBytes(target)).isEqualTo(body);
        assertThat(filesInDir()).as("no temporary file left").containsExactly(target);
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.requestLine()).startsWith("GET /file.zip?sig=1 ");
            assertThat(r.header("accept")).isEqualTo("*/*");
        });
    }

    @Test
    void nonSuccessWritesNothingAndKeepsAnExistingFile() throws Exception {
        Path target = dir.resolve("out.zip");
        Files.writeString(target, "previous release");
        server.answerNext("/", 1, 503, "{\"message\":\"down\"}", "Retry-After", "7");

        OutboundDownload answer = http().download(server.uri("/file.zip"), Map.of(), target, 1000);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.bytes()).isZero();
        assertThat(answer.header("retry-after")).contains("7");
        assertThat(Files.readString(target)).isEqualTo("previous release");
        assertThat(filesInDir()).containsExactly(target);
        assertThat(http().download(server.uri("/missing"), Map.of(), dir.resolve("other"), 1000).status()).isEqualTo(404);
        assertThat(dir.resolve("other")).doesNotExist();
    }

    @Test
    void declaredLengthOverTheCapIsRefusedBeforeWriting() throws Exception {
        server.route("/big", (ex, r) -> ReplayServer.respond(ex, 200, bytes(5000)));
        OutboundRefusedException e = catchThrowableOfType(OutboundRefusedException.class,
                () -> http().download(server.uri("/big?key=SECRET"), Map.of(), dir.resolve("big"), 4999));
        assertThat(e.rule()).isEqualTo(Rule.RESPONSE_TOO_LARGE);
        assertThat(e.getMessage()).contains("4999").doesNotContain("SECRET").doesNotContain("/big");
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void chunkedBodyOverTheCapIsCutOffAndLeavesNoFileAndTheOldOneIntact() throws Exception {
        server.route("/endless", (ex, r) -> {
            ex.sendResponseHeaders(200, 0); // chunked: nothing to refuse up front
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 4096; i++) {
                    out.write(new byte[4096]);
                }
            }
        });
        Path target = dir.resolve("out.gpkg");
        Files.writeString(target, "previous release");
        OutboundRefusedException e = catchThrowableOfType(OutboundRefusedException.class,
                () -> http().download(server.uri("/endless"), Map.of(), target, 100_000));
        assertThat(e.rule()).isEqualTo(Rule.RESPONSE_TOO_LARGE);
        assertThat(filesInDir()).containsExactly(target);
        assertThat(Files.readString(target)).isEqualTo("previous release");
    }

    @Test
    void aBodyCutShortIsAnIoErrorAndLeavesNoFile() throws Exception {
        server.route("/short", (ex, r) -> {
            ex.sendResponseHeaders(200, 10_000);
            OutputStream out = ex.getResponseBody();
            out.write(new byte[1000]);
            out.flush();
            throw new IOException("server dies mid-body"); // the server then drops the connection
        });
        assertThatThrownBy(() -> http().download(server.uri("/short"), Map.of(), dir.resolve("short"), 1_000_000))
                .isInstanceOf(IOException.class);
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void redirectsAreFollowedAndVettedLikeGet() throws Exception {
        server.route("/go", (ex, r) -> ReplayServer.respond(ex, 302, new byte[0], "Location", "/file"));
        server.route("/file", (ex, r) -> ReplayServer.respond(ex, 200, "data".getBytes(UTF_8)));
        server.route("/metadata", (ex, r) ->
                ReplayServer.respond(ex, 302, new byte[0], "Location", "http://169.254.169.254/latest/meta-data/"));

        Path target = dir.resolve("ok");
        assertThat(http().download(server.uri("/go"), Map.of("Authorization", "Bearer T"), target, 100).bytes()).isEqualTo(4);
        assertThat(Files.readString(target)).isEqualTo("data");
        assertThat(server.requests("/file")).singleElement()
                .satisfies(r -> assertThat(r.header("authorization")).as("same origin keeps it").isEqualTo("Bearer T"));

        OutboundRefusedException e = catchThrowableOfType(OutboundRefusedException.class,
                () -> http().download(server.uri("/metadata"), Map.of(), dir.resolve("meta"), 100));
        assertThat(e.rule()).isEqualTo(Rule.BLOCKED_ADDRESS);
        assertThat(dir.resolve("meta")).doesNotExist();
        assertThat(connections).doesNotContain("169.254.169.254");
    }

    @Test
    void aRefusedFirstHopNeverConnects() {
        OutboundRefusedException e = catchThrowableOfType(OutboundRefusedException.class,
                () -> http().download(URI.create("file:///etc/passwd"), Map.of(), dir.resolve("x"), 100));
        assertThat(e.rule()).isEqualTo(Rule.SCHEME);
        assertThat(connections).isEmpty();
        assertThatThrownBy(() -> http().download(server.uri("/"), Map.of(), dir.resolve("x"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
