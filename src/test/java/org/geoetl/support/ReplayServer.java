package org.geoetl.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HttpServer on 127.0.0.1 (a free port) for tests of outbound clients: routes by exact path,
 * records every request (request line, all headers, body) before answering, and can be told to
 * answer the next matching requests with a canned status instead (429 with Retry-After, 500, 401).
 * Tests reach it through an OutboundHttp whose policy allows http and lists 127.0.0.1 in
 * allowed-private-hosts. Base of {@link AcledReplayServer} and {@link IbatReplayServer}.
 */
public class ReplayServer implements AutoCloseable {

    /** One received request. Header names lower-cased, every value kept. */
    public record Recorded(String method, String path, String rawQuery, String requestLine,
                           Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** Query parameters, decoded (the last value of a repeated name wins). */
        public Map<String, String> query() {
            return decodeForm(rawQuery);
        }

        /** A form-encoded body, decoded. */
        public Map<String, String> form() {
            return decodeForm(bodyText());
        }

        public String bodyText() {
            return new String(body, UTF_8);
        }

        /** The request line and every header line as received, for "never appears anywhere" checks. */
        public String everything() {
            StringBuilder all = new StringBuilder(requestLine).append('\n');
            headers.forEach((name, values) -> values.forEach(v -> all.append(name).append(": ").append(v).append('\n')));
            return all.toString();
        }
    }

    /** Answers one request; the request has been recorded and its body read. */
    @FunctionalInterface
    public interface Route {
        void handle(HttpExchange exchange, Recorded request) throws IOException;
    }

    /* A canned answer for the next request whose path starts with pathPrefix. */
    private record Canned(String pathPrefix, int status, String body, String[] headers) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Deque<Canned> canned = new ConcurrentLinkedDeque<>();

    public ReplayServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::dispatch);
        server.setExecutor(pool);
        server.start();
    }

    public void route(String path, Route route) {
        routes.put(path, route);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** http://127.0.0.1:port, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public URI uri(String pathAndQuery) {
        return URI.create(baseUrl() + pathAndQuery);
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<Recorded> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public long count(String path) {
        return requests(path).size();
    }

    public void clearRequests() {
        requests.clear();
    }

    /**
     * The next {@code times} requests whose path starts with {@code pathPrefix} get {@code status}
     * with {@code body} and the given header name/value pairs, instead of their route's answer.
     */
    public void answerNext(String pathPrefix, int times, int status, String body, String... headers) {
        for (int i = 0; i < times; i++) {
            canned.addLast(new Canned(pathPrefix, status, body, headers));
        }
    }

    public static void respond(HttpExchange exchange, int status, byte[] body, String... headers) throws IOException {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public static void json(HttpExchange exchange, int status, String json, String... headers) throws IOException {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        respond(exchange, status, json.getBytes(UTF_8), all);
    }

    static Map<String, String> decodeForm(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8));
        }
        return values;
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            Recorded request = record(exchange);
            requests.add(request);
            Canned answer = takeCanned(request.path());
            Route route = routes.get(request.path());
            if (answer != null) {
                json(exchange, answer.status(), answer.body(), answer.headers());
            } else if (route == null) {
                json(exchange, 404, "{\"message\":\"Not Found\"}");
            } else {
                route.handle(exchange, request);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (a refused download) or a route failed: nothing to answer
        }
    }

    private static Recorded record(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        URI uri = exchange.getRequestURI();
        String line = exchange.getRequestMethod() + " " + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " " + exchange.getProtocol();
        return new Recorded(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), line, headers, body);
    }

    private Canned takeCanned(String path) {
        for (Canned c : canned) {
            if (path.startsWith(c.pathPrefix()) && canned.removeFirstOccurrence(c)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
