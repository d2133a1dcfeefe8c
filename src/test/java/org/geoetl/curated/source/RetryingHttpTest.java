package org.geoetl.curated.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.geoetl.curated.CuratedProperties;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.TransientTaskException;
import org.geoetl.support.ReplayServer;
import org.geoetl.support.TestOutbound;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Retry decisions against a loopback server; the Sleeper records waits instead of sleeping. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RetryingHttpTest {

    private static final Instant NOW = Instant.parse("2026-11-01T03:00:00Z");
    private static final Map<String, String> ENV = Map.of("WDPA_AUTH_KEY", "KEY-s3cr3t", "WDPA_AUTH_TOKEN", "TOKEN-s3cr3t");
    private static final SourceApi IBAT = new SourceApi("IBAT", List.of("WDPA_AUTH_KEY", "WDPA_AUTH_TOKEN"), ENV::get);

    @TempDir
    Path dir;
    private ReplayServer server;
    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    private RetryingHttp http;

    @BeforeEach
    void start() throws IOException {
        server = new ReplayServer();
        server.route("/ok", (ex, r) -> ReplayServer.json(ex, 200, "{\"ok\":true}"));
        // jitter 0.5: attempt n waits half of min(60s, 1s * 2^(n-1))
        http = new RetryingHttp(TestOutbound.loopback(), new CuratedProperties.Retry(5, Duration.ofSeconds(1),
                Duration.ofSeconds(60)), slept::add, Clock.fixed(NOW, ZoneOffset.UTC), () -> 0.5);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI secretUri(String path) {
        return server.uri(path + "?auth_key=KEY-s3cr3t&auth_token=TOKEN-s3cr3t");
    }

    @Test
    void serverErrorsAreRetriedWithJitteredExponentialBackoffUntilSuccess() {
        server.answerNext("/ok", 3, 500, "{\"message\":\"internal\"}");
        assertThat(http.get(IBAT, server.uri("/ok"), Map.of()).status()).isEqualTo(200);
        assertThat(server.count("/ok")).isEqualTo(4);
        assertThat(slept).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void retryAfterSecondsIsHonouredAndCappedAtMaxDelay() {
        server.answerNext("/ok", 1, 429, "", "Retry-After", "7");
        server.answerNext("/ok", 1, 503, "", "Retry-After", "86400");
        http.get(IBAT, server.uri("/ok"), Map.of());
        assertThat(slept).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(60));
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(30).atZone(ZoneOffset.UTC));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(30).atZone(ZoneOffset.UTC));
        server.answerNext("/ok", 1, 429, "", "Retry-After", in30s);
        server.answerNext("/ok", 1, 429, "", "Retry-After", past);
        server.answerNext("/ok", 1, 429, "", "Retry-After", "soon");
        http.get(IBAT, server.uri("/ok"), Map.of());
        // a date in the past: no wait; an unreadable value: the backoff of attempt 3
        assertThat(slept).containsExactly(Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void exhaustedAttemptsThrowTransientNamingHostAndStatusButNotTheQuery() {
        server.answerNext("/ok", 5, 503, "{\"message\":\"maintenance\"}");
        TransientTaskException e = catchThrowableOfType(TransientTaskException.class,
                () -> http.get(IBAT, secretUri("/ok"), Map.of()));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("IBAT", "127.0.0.1", "HTTP 503", "5 time")
                .doesNotContain("s3cr3t").doesNotContain("auth_key").doesNotContain("/ok");
        assertThat(server.count("/ok")).isEqualTo(5);
        assertThat(slept).hasSize(4);
    }

    @Test
    void connectionFailuresAreRetriedThenTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + closedPort + "/x?auth_key=KEY-s3cr3t");
        TransientTaskException e = catchThrowableOfType(TransientTaskException.class, () -> http.get(IBAT, uri, Map.of()));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("127.0.0.1").doesNotContain("s3cr3t");
        assertThat(slept).hasSize(4);
    }

    @Test
    void refusedCredentialsArePermanentAtOnceNamingTheVariablesNotTheirValues() {
        server.answerNext("/ok", 1, 401, "{\"message\":\"invalid auth_key KEY-s3cr3t\"}");
        PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class,
                () -> http.get(IBAT, secretUri("/ok"), Map.of()));
        assertThat(e.getMessage()).isEqualTo("IBAT refused the credentials (HTTP 401); check WDPA_AUTH_KEY and WDPA_AUTH_TOKEN");
        server.answerNext("/ok", 1, 403, "");
        assertThat(catchThrowableOfType(PermanentTaskException.class, () -> http.get(IBAT, server.uri("/ok"), Map.of()))
                .getMessage()).contains("HTTP 403", "WDPA_AUTH_KEY");
        assertThat(server.count("/ok")).isEqualTo(2);
        assertThat(slept).isEmpty();
    }

    @Test
    void otherClientErrorsArePermanentWithARedactedReason() {
        server.answerNext("/ok", 1, 404, "{\"error\":{\"message\":\"no dataset for auth_token=TOKEN-s3cr3t at "
                + "https://api.example/v1/data-downloads?auth_key=KEY-s3cr3t\"}}");
        PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class,
                () -> http.get(IBAT, secretUri("/ok"), Map.of()));
        assertThat(e.getMessage()).startsWith("IBAT at 127.0.0.1 answered HTTP 404: no dataset for")
                .contains("<url>").doesNotContain("s3cr3t").doesNotContain("data-downloads");
        server.answerNext("/ok", 1, 410, "");
        assertThat(catchThrowableOfType(PermanentTaskException.class, () -> http.get(IBAT, server.uri("/ok"), Map.of()))
                .getMessage()).endsWith("HTTP 410: Gone");
        assertThat(slept).isEmpty();
    }

    @Test
    void passThroughStatusesAreTheCallersToJudge() {
        server.answerNext("/ok", 1, 401, "{}");
        assertThat(http.get(IBAT, server.uri("/ok"), Map.of(), Set.of(401)).status()).isEqualTo(401);
        server.answerNext("/ok", 1, 400, "{\"error\":\"invalid_grant\"}");
        assertThat(http.post(IBAT, server.uri("/ok"), Map.of(), "a=b".getBytes(UTF_8),
                "application/x-www-form-urlencoded", Set.of(400, 401)).status()).isEqualTo(400);
    }

    @Test
    void anOutboundPolicyRefusalIsPermanentAndNeverRetried() {
        PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class,
                () -> http.get(IBAT, URI.create("http://169.254.169.254/latest/meta-data/?auth_key=KEY-s3cr3t"), Map.of()));
        assertThat(e.getMessage()).contains("blocked-address", "169.254.169.254").doesNotContain("s3cr3t");
        assertThat(slept).isEmpty();
    }

    @Test
    void downloadsAreRetriedAndAnOversizeDownloadIsPermanent() throws IOException {
        byte[] body = new byte[2048];
        server.route("/file", (ex, r) -> ReplayServer.respond(ex, 200, body));
        server.answerNext("/file", 1, 502, "");
        Path target = dir.resolve("file.zip");
        assertThat(http.download(IBAT, server.uri("/file"), Map.of(), target, 4096).bytes()).isEqualTo(2048);
        assertThat(Files.size(target)).isEqualTo(2048);
        assertThat(slept).hasSize(1);

        PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class,
                () -> http.download(IBAT, server.uri("/file"), Map.of(), dir.resolve("small.zip"), 1024));
        assertThat(e.getMessage()).contains("response-too-large", "1024");
        assertThat(dir.resolve("small.zip")).doesNotExist();
        assertThat(slept).as("not retried").hasSize(1);
    }

    @Test
    void backoffGrowsToTheCapAndFullJitterSpansFromZero() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Backoff top = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0, clock);
        assertThat(List.of(1, 2, 3, 6, 7, 40, 1000)).extracting(top::jittered).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(32), Duration.ofSeconds(60),
                Duration.ofSeconds(60), Duration.ofSeconds(60));
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0, clock).jittered(5)).isZero();
        assertThat(top.retryAfter("99999999999999999999999")).contains(Duration.ofSeconds(60));
    }
}
