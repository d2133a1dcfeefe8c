package org.geoetl.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.geoetl.net.OutboundRefusedException.Rule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.util.unit.DataSize;

/** The client against real local servers on loopback; no other network. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class OutboundHttpTest {

    private static final List<String> ALLOWED_HOSTS =
            List.of("127.0.0.1", "127.0.0.2", "localhost", "169.254.169.254", "10.0.0.1");

    private final List<LocalServer> servers = new ArrayList<>();
    /** Hosts a socket was about to be opened to (OutboundHttp's test hook), in order. */
    private final List<String> connections = new CopyOnWriteArrayList<>();
    private LocalServer origin;

    @BeforeEach
    void startOrigin() throws IOException {
        origin = server("127.0.0.1");
    }

    @AfterEach
    void stopServers() {
        servers.forEach(LocalServer::stop);
    }

    private LocalServer server(String address) throws IOException {
        LocalServer server = new LocalServer(address);
        servers.add(server);
        return server;
    }

    /** http allowed, loopback tolerated for {@code privateHosts} only, 3 redirects, 1 KB bodies. */
    private OutboundHttp http(String... privateHosts) {
        OutboundProperties policy = new OutboundProperties(List.of("http"), ALLOWED_HOSTS, List.of(privateHosts),
                Duration.ofSeconds(2), Duration.ofSeconds(5), 3, DataSize.ofKilobytes(1));
        return new OutboundHttp(new OutboundGuard(policy), policy, target -> connections.add(target.host()));
    }

    private static OutboundRefusedException refusal(ThrowingCall call) {
        OutboundRefusedException e = catchThrowableOfType(OutboundRefusedException.class, call::run);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.status()).isEqualTo(400);
        return e;
    }

    @Test
    void plainGetReturnsStatusHeadersAndBody() throws Exception {
        origin.route("/hello", (ex, body) -> respond(ex, 200, "hello", "X-Answer", "42"));
        OutboundResponse response = http("127.0.0.1").get(origin.uri("/hello?q=1"), Map.of("Accept", "text/plain"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), UTF_8)).isEqualTo("hello");
        assertThat(response.header("x-answer")).contains("42");
        assertThat(origin.requests).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("/hello?q=1");
            assertThat(r.headers().get("accept")).isEqualTo("text/plain");
        });
        assertThat(connections).containsExactly("127.0.0.1");
        assertThat(http("127.0.0.1").get(origin.uri("/missing")).status()).as("non-2xx is returned").isEqualTo(404);
    }

    @Test
    void postSendsBodyAndContentType() throws Exception {
        origin.route("/hook", (ex, body) -> respond(ex, 202, "ok"));
        byte[] payload = "{\"job\":1}".getBytes(UTF_8);
        OutboundResponse response = http("127.0.0.1").post(origin.uri("/hook"), Map.of(), payload, "application/json");
        assertThat(response.status()).isEqualTo(202);
        assertThat(origin.requests).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.body()).isEqualTo(payload);
            assertThat(r.headers().get("content-type")).startsWith("application/json");
        });
    }

    @Test
    void refusedFirstHopNeverConnects() {
        for (String uri : List.of("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://evil.com/")) {
            refusal(() -> http("127.0.0.1").get(URI.create(uri)));
        }
        assertThat(connections).isEmpty();
    }

    @Test
    void redirectToCloudMetadataIsRefusedWithoutConnecting() {
        origin.route("/go", (ex, body) -> redirect(ex, 302, "http://169.254.169.254/latest/meta-data/iam/"));
        OutboundRefusedException e = refusal(() -> http("127.0.0.1").get(origin.uri("/go")));
        assertThat(e.rule()).isEqualTo(Rule.BLOCKED_ADDRESS);
        assertThat(e.host()).isEqualTo("169.254.169.254");
        assertThat(connections).containsExactly("127.0.0.1");
    }

    @Test
    void redirectToPrivateNetworkIsRefusedWithoutConnecting() {
        origin.route("/go", (ex, body) -> redirect(ex, 301, "http://10.0.0.1/admin"));
        OutboundRefusedException e = refusal(() -> http("127.0.0.1").get(origin.uri("/go")));
        assertThat(e.rule()).isEqualTo(Rule.BLOCKED_ADDRESS);
        assertThat(e.host()).isEqualTo("10.0.0.1");
        assertThat(connections).containsExactly("127.0.0.1");
    }

    @Test
    void redirectToLocalhostNotInPrivateAllowListNeverReachesTheSecondServer() throws Exception {
        LocalServer internal = server("127.0.0.1");
        internal.route("/", (ex, body) -> respond(ex, 200, "internal secret"));
        origin.route("/go", (ex, body) -> redirect(ex, 302, "http://localhost:" + internal.port() + "/"));
        OutboundRefusedException e = refusal(() -> http("127.0.0.1").get(origin.uri("/go")));
        assertThat(e.rule()).isEqualTo(Rule.BLOCKED_ADDRESS);
        assertThat(e.host()).isEqualTo("localhost");
        assertThat(internal.requests).isEmpty();
        assertThat(connections).containsExactly("127.0.0.1");
    }

    @Test
    void redirectToAnotherLoopbackAddressNotInPrivateAllowListNeverReachesIt() throws Exception {
        LocalServer internal;
        try {
            internal = server("127.0.0.2");
        } catch (BindException notRoutedHere) {
            Assumptions.abort("127.0.0.2 is not a local address on this host");
            return;
        }
        internal.route("/", (ex, body) -> respond(ex, 200, "internal secret"));
        origin.route("/go", (ex, body) -> redirect(ex, 307, internal.uri("/").toString()));
        assertThat(refusal(() -> http("127.0.0.1").get(origin.uri("/go"))).rule()).isEqualTo(Rule.BLOCKED_ADDRESS);
        assertThat(internal.requests).isEmpty();
    }

    /** DNS rebinding: HttpClient must connect to what the guard resolved, never look the name up again. */
    @Test
    void connectsOnlyToTheAddressesTheGuardVetted() throws Exception {
        LocalServer pinned;
        try {
            pinned = server("127.0.0.2");
        } catch (BindException notRoutedHere) {
            Assumptions.abort("127.0.0.2 is not a local address on this host");
            return;
        }
        pinned.route("/", (ex, body) -> respond(ex, 200, "pinned"));
        // the guard's DNS says localhost is 127.0.0.2; a second, real lookup would say 127.0.0.1
        OutboundProperties policy = new OutboundProperties(List.of("http"), List.of("localhost"), List.of("localhost"),
                Duration.ofSeconds(2), Duration.ofSeconds(5), 3, DataSize.ofKilobytes(1));
        OutboundGuard guard = new OutboundGuard(policy, host -> new InetAddress[] {InetAddress.getByName("127.0.0.2")});
        List<VettedTarget> targets = new CopyOnWriteArrayList<>();
        OutboundHttp http = new OutboundHttp(guard, policy, targets::add);
        OutboundResponse response = http.get(URI.create("http://localhost:" + pinned.port() + "/"));
        assertThat(new String(response.body(), UTF_8)).isEqualTo("pinned");
        assertThat(targets).singleElement().satisfies(t ->
                assertThat(t.addresses()).containsExactly(InetAddress.getByName("127.0.0.2")));
        assertThat(pinned.requests).singleElement().satisfies(r -> assertThat(r.headers().get("host")).startsWith("localhost:"));
    }

    @Test
    void redirectLoopBeyondMaxRedirectsIsRefusedWithoutEchoingTheQuery() {
        origin.route("/loop", (ex, body) -> redirect(ex, 302, "/loop?api_key=SECRET"));
        OutboundRefusedException e = refusal(() -> http("127.0.0.1").get(origin.uri("/loop?api_key=SECRET")));
        assertThat(e.rule()).isEqualTo(Rule.TOO_MANY_REDIRECTS);
        assertThat(e.getMessage()).contains("127.0.0.1").doesNotContain("SECRET").doesNotContain("/loop");
        assertThat(origin.requests).as("first request + 3 redirects").hasSize(4);
    }

    @Test
    void redirectsUpToTheLimitAreFollowedWithRelativeLocations() throws Exception {
        origin.route("/a/one", (ex, body) -> redirect(ex, 301, "two"));                 // relative path
        origin.route("/a/two", (ex, body) -> redirect(ex, 302, "/b/three?x=1"));        // absolute path
        origin.route("/b/three", (ex, body) -> redirect(ex, 303, origin.uri("/c").toString())); // absolute URI
        origin.route("/c", (ex, body) -> respond(ex, 200, "landed"));
        OutboundResponse response = http("127.0.0.1").get(origin.uri("/a/one"));
        assertThat(new String(response.body(), UTF_8)).isEqualTo("landed");
        assertThat(origin.requests).extracting(Recorded::target).containsExactly("/a/one", "/a/two", "/b/three?x=1", "/c");
    }

    @Test
    void redirectToAForbiddenSchemeIsRefused() {
        origin.route("/go", (ex, body) -> redirect(ex, 302, "file:///etc/passwd"));
        assertThat(refusal(() -> http("127.0.0.1").get(origin.uri("/go"))).rule()).isEqualTo(Rule.SCHEME);
    }

    @Test
    void oversizeBodyIsRefused() {
        origin.route("/big", (ex, body) -> respond(ex, 200, "x".repeat(2048)));
        OutboundRefusedException e = refusal(() -> http("127.0.0.1").get(origin.uri("/big")));
        assertThat(e.rule()).isEqualTo(Rule.RESPONSE_TOO_LARGE);
        assertThat(e.getMessage()).contains("max-response");
    }

    @Test
    void endlessChunkedBodyIsCutOffAtTheCapWithoutDrainingIt() throws Exception {
        AtomicLong written = new AtomicLong();
        CountDownLatch serverDone = new CountDownLatch(1);
        origin.route("/endless", (ex, body) -> {
            ex.sendResponseHeaders(200, 0); // chunked, no Content-Length to refuse up front
            byte[] chunk = new byte[4096];
            try (OutputStream out = ex.getResponseBody()) {
                while (written.get() < (1L << 30)) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException clientWentAway) {
                // expected: the client closed the socket at the cap
            } finally {
                serverDone.countDown();
            }
        });
        assertThat(refusal(() -> http("127.0.0.1").get(origin.uri("/endless"))).rule()).isEqualTo(Rule.RESPONSE_TOO_LARGE);
        assertThat(serverDone.await(10, TimeUnit.SECONDS)).isTrue();
        // a client that drained the body would have let the server write the whole GiB
        assertThat(written.get()).isLessThan(64L << 20);
    }

    @Test
    void credentialsAreDroppedWhenARedirectChangesHostAndKeptOnTheSameOrigin() throws Exception {
        LocalServer other = server("127.0.0.1");
        other.route("/landing", (ex, body) -> respond(ex, 200, "other"));
        origin.route("/same", (ex, body) -> redirect(ex, 302, "/landing"));
        origin.route("/landing", (ex, body) -> respond(ex, 200, "same"));
        origin.route("/away", (ex, body) -> redirect(ex, 302, "http://localhost:" + other.port() + "/landing"));
        Map<String, String> secrets = Map.of("Authorization", "Bearer TOKEN", "Cookie", "session=1",
                "X-Api-Key", "KEY", "Accept", "*/*");
        OutboundHttp http = http("127.0.0.1", "localhost");

        http.get(origin.uri("/same"), secrets);
        assertThat(origin.requests).extracting(r -> r.headers().get("authorization"))
                .containsExactly("Bearer TOKEN", "Bearer TOKEN");

        assertThat(new String(http.get(origin.uri("/away"), secrets).body(), UTF_8)).isEqualTo("other");
        assertThat(origin.requests.get(2).headers().get("authorization")).isEqualTo("Bearer TOKEN");
        assertThat(other.requests).singleElement().satisfies(r -> {
            assertThat(r.headers()).doesNotContainKeys("authorization", "cookie", "x-api-key");
            assertThat(r.headers().get("accept")).isEqualTo("*/*");
        });
    }

    @Test
    void cookiesSetByAPeerAreNotStoredOrReplayed() throws Exception {
        origin.route("/set", (ex, body) -> {
            ex.getResponseHeaders().add("Set-Cookie", "planted=1; Path=/");
            redirect(ex, 302, "/check");
        });
        origin.route("/check", (ex, body) -> respond(ex, 200, "ok"));
        OutboundHttp http = http("127.0.0.1");
        http.get(origin.uri("/set"));
        http.get(origin.uri("/check"));
        assertThat(origin.requests).extracting(r -> r.headers().get("cookie")).containsOnlyNulls();
    }

    @Test
    void postRedirects307KeepsMethodAndBodyAnd303SwitchesToGet() throws Exception {
        origin.route("/p307", (ex, body) -> redirect(ex, 307, "/target"));
        origin.route("/p303", (ex, body) -> redirect(ex, 303, "/target"));
        origin.route("/target", (ex, body) -> respond(ex, 200, "ok"));
        OutboundHttp http = http("127.0.0.1");
        byte[] payload = "data".getBytes(UTF_8);
        http.post(origin.uri("/p307"), Map.of(), payload, "text/plain");
        http.post(origin.uri("/p303"), Map.of(), payload, "text/plain");
        assertThat(origin.requests).extracting(r -> r.method() + " " + r.target() + " " + new String(r.body(), UTF_8))
                .containsExactly("POST /p307 data", "POST /target data", "POST /p303 data", "GET /target ");
    }

    @Test
    void theJvmProxySelectorIsNeverConsulted() throws Exception {
        LocalServer proxy = server("127.0.0.1");
        proxy.route("/direct", (ex, body) -> respond(ex, 200, "proxied"));
        origin.route("/direct", (ex, body) -> respond(ex, 200, "direct"));
        List<URI> consulted = new CopyOnWriteArrayList<>();
        // the JDK's own selector never proxies loopback, so install one that proxies everything
        ProxySelector everythingViaProxy = new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                consulted.add(uri);
                return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        };
        ProxySelector saved = ProxySelector.getDefault();
        ProxySelector.setDefault(everythingViaProxy);
        try {
            assertThat(new String(http("127.0.0.1").get(origin.uri("/direct")).body(), UTF_8)).isEqualTo("direct");
        } finally {
            ProxySelector.setDefault(saved);
        }
        assertThat(consulted).isEmpty();
        assertThat(proxy.requests).isEmpty();
    }

    @Test
    void headerInjectionAndClientOnlyHeadersAreRefused() {
        OutboundHttp http = http("127.0.0.1");
        for (Map<String, String> headers : List.of(Map.of("X-Evil", "a\r\nHost: internal"), Map.of("Host", "internal"),
                Map.of("Transfer-Encoding", "chunked"), Map.of("Bad Name", "x"))) {
            assertThat(refusal(() -> http.get(origin.uri("/"), headers)).rule()).isEqualTo(Rule.HEADER);
        }
        assertThat(origin.requests).isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface Route {
        void handle(HttpExchange exchange, byte[] body) throws IOException;
    }

    /** One recorded request; header names lower-cased, first value only. */
    record Recorded(String method, String target, Map<String, String> headers, byte[] body) {
    }

    private static void respond(HttpExchange exchange, int status, String body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        byte[] bytes = body.getBytes(UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        respond(exchange, status, "moved");
    }

    /** A loopback HttpServer that records every request before routing it by exact path. */
    private static final class LocalServer {
        final List<Recorded> requests = new CopyOnWriteArrayList<>();
        private final Map<String, Route> routes = new ConcurrentHashMap<>();
        private final HttpServer server;
        private final ExecutorService pool = Executors.newCachedThreadPool();
        private final String address;

        LocalServer(String address) throws IOException {
            this.address = address;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
            server.createContext("/", this::dispatch);
            server.setExecutor(pool);
            server.start();
        }

        void route(String path, Route route) {
            routes.put(path, route);
        }

        int port() {
            return server.getAddress().getPort();
        }

        URI uri(String pathAndQuery) {
            return URI.create("http://" + address + ":" + port() + pathAndQuery);
        }

        private void dispatch(HttpExchange exchange) throws IOException {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            Route route = routes.get(exchange.getRequestURI().getPath());
            if (route == null) {
                respond(exchange, 404, "");
            } else {
                route.handle(exchange, body);
            }
            exchange.close();
        }

        void stop() {
            server.stop(0);
            pool.shutdownNow();
        }
    }
}
