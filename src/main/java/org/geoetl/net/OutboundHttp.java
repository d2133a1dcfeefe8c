package org.geoetl.net;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.geoetl.net.OutboundRefusedException.Rule;
import org.geoetl.net.PinnedExchange.BodyReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one way out of the service over HTTP (reference-data APIs, webhooks). Every hop, the first
 * and each redirect, is vetted by {@link OutboundGuard} and sent over a connection pinned to the
 * vetted addresses; redirects are followed here, never by HttpClient, so none escapes the guard.
 * Refusals throw {@link OutboundRefusedException} (400); transport failures (unreachable,
 * timeout, DNS failure) throw {@link IOException} and may be retried.
 *
 * <p>Thread-safe; each call uses its own connections, so nothing is shared between requests.
 */
@Component
public class OutboundHttp {

    private final OutboundGuard guard;
    private final OutboundProperties properties;
    private final PinnedExchange exchange;

    @Autowired
    public OutboundHttp(OutboundGuard guard, OutboundProperties properties) {
        this(guard, properties, target -> { });
    }

    /** For tests: {@code onConnect} hears of every socket about to be opened, with its vetted target. */
    OutboundHttp(OutboundGuard guard, OutboundProperties properties, Consumer<VettedTarget> onConnect) {
        this.guard = guard;
        this.properties = properties;
        this.exchange = new PinnedExchange(properties, onConnect);
    }

    public OutboundResponse get(URI uri) throws IOException {
        return get(uri, Map.of());
    }

    /**
     * GET {@code uri} with extra request headers (Host and framing headers are refused). They go
     * to the first origin only: a redirect to another scheme, host or port keeps Accept,
     * Accept-Language and Cache-Control and drops the rest (Authorization, Cookie, API-key headers).
     */
    public OutboundResponse get(URI uri, Map<String, String> headers) throws IOException {
        return send(new OutboundRequest("GET", uri, headers, null, null));
    }

    /**
     * POST {@code body} as {@code contentType} (null: application/octet-stream). A 307/308
     * redirect repeats the POST with its body to the new, re-vetted location; 301/302/303 continue
     * as a GET without it.
     */
    public OutboundResponse post(URI uri, Map<String, String> headers, byte[] body, String contentType)
            throws IOException {
        return send(new OutboundRequest("POST", uri, headers, body == null ? new byte[0] : body, contentType));
    }

    /**
     * GET {@code uri} and stream a 2xx body into {@code target} (replaced only once the whole body
     * has arrived) instead of buffering it; headers and redirects as for {@link #get(URI, Map)}.
     * More than {@code maxBytes} (declared or arriving) is refused with
     * {@link OutboundRefusedException} and leaves no file. A non-2xx answer writes nothing: its
     * status is returned for the caller to judge.
     */
    public OutboundDownload download(URI uri, Map<String, String> headers, Path target, long maxBytes) throws IOException {
        return download(uri, headers, target, maxBytes, bytes -> { });
    }

    /** {@link #download(URI, Map, Path, long)}, telling {@code onBytes} the bytes received so far as they arrive. */
    public OutboundDownload download(URI uri, Map<String, String> headers, Path target, long maxBytes,
                                     java.util.function.LongConsumer onBytes) throws IOException {
        Objects.requireNonNull(target, "target");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        return send(new OutboundRequest("GET", uri, headers, null, null), ResponseBodies.toFile(target, maxBytes, onBytes));
    }

    private OutboundResponse send(OutboundRequest first) throws IOException {
        return send(first, ResponseBodies.buffered(properties.maxResponse().toBytes()));
    }

    /* The one hop loop for every call: vet, send pinned, follow a redirect by re-vetting its target. */
    private <T> T send(OutboundRequest first, BodyReader<T> reader) throws IOException {
        OutboundRequest request = first;
        for (int redirects = 0; ; redirects++) {
            VettedTarget target = guard.check(request.uri());
            PinnedExchange.Hop<T> hop = exchange.send(target, request, reader);
            if (hop.location() == null) {
                return hop.result();
            }
            if (redirects >= properties.maxRedirects()) {
                throw new OutboundRefusedException(Rule.TOO_MANY_REDIRECTS, target.host(),
                        "more than max-redirects (" + properties.maxRedirects() + ") redirects");
            }
            request = request.redirectTo(resolveLocation(request.uri(), hop.location(), target.host()), hop.status());
        }
    }

    /**
     * Resolves a Location value (absolute, protocol-relative or relative) against the current URI.
     * The value comes from the peer, so a bad one is refused without being echoed.
     */
    static URI resolveLocation(URI current, String location, String host) {
        try {
            URI reference = new URI(location.strip());
            if (current.getRawPath() == null || current.getRawPath().isEmpty()) {
                current = current.resolve("/"); // java.net.URI joins "http://a" + "b" into "http://ab"
            }
            if (!reference.isAbsolute() && reference.getRawAuthority() == null
                    && reference.getRawPath().isEmpty() && reference.getRawQuery() != null) {
                // "?q" keeps the whole current path (RFC 3986 5.2.2); java.net.URI would drop its last segment
                return new URI(current.getScheme() + "://" + current.getRawAuthority() + current.getRawPath()
                        + "?" + reference.getRawQuery());
            }
            return current.resolve(reference); // scheme, host etc. of the result are the guard's to judge
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new OutboundRefusedException(Rule.REDIRECT_LOCATION, host, "the redirect Location is not a usable URI");
        }
    }
}
