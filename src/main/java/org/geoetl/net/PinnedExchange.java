package org.geoetl.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.ssl.TLS;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one hop to a vetted target over a connection that can only reach the vetted addresses.
 * Each hop gets its own single-connection client: its DNS resolver answers with the vetted
 * addresses for the vetted host and fails for anything else, so HttpClient never does a lookup of
 * its own (no DNS rebinding window) and no pooled connection outlives the check that allowed it.
 * What happens to a body is the caller's {@link BodyReader} (see {@link ResponseBodies}).
 */
final class PinnedExchange {

    private final OutboundProperties properties;
    /* Built once: the default SSLContext (JVM trust store, hostname verification on) is costly to create. */
    private final TlsSocketStrategy tls = DefaultClientTlsStrategy.createDefault();
    /* Told whenever HttpClient is about to open a socket; tests use it to prove a refused hop never got that far. */
    private final Consumer<VettedTarget> onConnect;

    PinnedExchange(OutboundProperties properties, Consumer<VettedTarget> onConnect) {
        this.properties = properties;
        this.onConnect = onConnect;
    }

    /**
     * What the caller does with the body of a final (non-redirect) answer: buffer it, stream it to
     * a file. It must not close the stream (closing drains it from the peer); send() closes the socket.
     */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(int status, Map<String, List<String>> headers, HttpEntity entity, String host) throws IOException;
    }

    /** One hop's outcome: a redirect to follow ({@code location} set, no body read) or the reader's result. */
    record Hop<T>(int status, String location, T result) {
    }

    /** Sends the hop; the body goes to {@code reader} unless the answer is a redirect to follow. */
    <T> Hop<T> send(VettedTarget target, OutboundRequest request, BodyReader<T> reader) throws IOException {
        CloseableHttpClient client = client(target);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, httpRequest(request), null);
            Map<String, List<String>> headers = headers(response);
            if (OutboundRequest.REDIRECTS.contains(response.getCode()) && headers.containsKey("location")) {
                return new Hop<>(response.getCode(), headers.get("location").get(0), null);
            }
            return new Hop<>(response.getCode(), null, reader.read(response.getCode(), headers, response.getEntity(), target.host()));
        } finally {
            // Close the socket first: a polite close of the response would drain whatever is left
            // of an oversize, refused or redirect body from the peer, which may be endless.
            client.close(CloseMode.IMMEDIATE);
            if (response != null) {
                try {
                    response.close();
                } catch (IOException alreadyGone) {
                    // expected: the socket it would drain from is closed
                }
            }
        }
    }

    private CloseableHttpClient client(VettedTarget target) {
        // Socket(NO_PROXY): a plain new Socket() would ask the JVM ProxySelector (socksProxyHost) for a SOCKS hop
        DefaultHttpClientConnectionOperator operator = new DefaultHttpClientConnectionOperator(
                socksProxy -> new Socket(Proxy.NO_PROXY), DefaultSchemePortResolver.INSTANCE,
                new PinnedResolver(target, onConnect), RegistryBuilder.<TlsSocketStrategy>create().register("https", tls).build());
        BasicHttpClientConnectionManager manager =
                new BasicHttpClientConnectionManager(operator, ManagedHttpClientConnectionFactory.INSTANCE);
        Timeout connect = timeout(properties.connectTimeout().toMillis());
        Timeout read = timeout(properties.readTimeout().toMillis());
        manager.setSocketConfig(SocketConfig.custom().setSoTimeout(read).build());
        manager.setConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build());
        manager.setTlsConfig(TlsConfig.custom().setHandshakeTimeout(connect)
                .setSupportedProtocols(TLS.V_1_3, TLS.V_1_2).build());
        return HttpClients.custom()
                .setConnectionManager(manager)
                // never an HTTP proxy: a system or environment proxy would resolve and connect on its own
                .setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE))
                .disableRedirectHandling() // OutboundHttp follows redirects itself, re-vetting each hop
                .disableCookieManagement() // a peer must not plant state that later requests carry
                .disableAuthCaching()
                .disableAutomaticRetries() // no silent re-sends of a POST, no Retry-After sleeps
                .disableContentCompression() // the cap then bounds wire bytes and memory alike
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false)
                        .setAuthenticationEnabled(false).setProtocolUpgradeEnabled(false)
                        .setResponseTimeout(read).build())
                .setUserAgent("GeoETL")
                .build();
    }

    private static HttpUriRequestBase httpRequest(OutboundRequest request) {
        HttpUriRequestBase http = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().forEach(http::addHeader);
        if (request.body() != null) {
            ContentType type = request.contentType() == null ? ContentType.APPLICATION_OCTET_STREAM
                    : ContentType.parse(request.contentType());
            http.setEntity(new ByteArrayEntity(request.body(), type));
        }
        return http;
    }

    private static Map<String, List<String>> headers(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(header.getValue());
        }
        return headers;
    }

    private static Timeout timeout(long millis) {
        return Timeout.of(millis, TimeUnit.MILLISECONDS);
    }

    /** Answers only for the vetted host, only with the vetted addresses; never a real lookup. */
    private record PinnedResolver(VettedTarget target, Consumer<VettedTarget> onConnect) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (!target.host().equalsIgnoreCase(name)) {
                throw new UnknownHostException("not the vetted host: " + name);
            }
            onConnect.accept(target);
            return target.addresses();
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host; // only Kerberos/SPNEGO asks; answering without a lookup keeps DNS out entirely
        }
    }
}
