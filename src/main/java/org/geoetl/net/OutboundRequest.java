package org.geoetl.net;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.geoetl.net.OutboundRefusedException.Rule;

/** One hop of an outbound request, and how a redirect turns it into the next hop. */
record OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body, String contentType) {

    /* Statuses followed as redirects (when they carry a Location). */
    static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    /* Framing and routing are the client's job: a caller-set Host would aim a vetted connection at
       another virtual host, and hand-set lengths would allow request smuggling. */
    private static final Set<String> RESTRICTED =
            Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "expect");
    /* The only caller headers a redirect carries to another origin. Everything else (Authorization,
       Cookie, but also X-Api-Key and other custom credentials we cannot recognise) stays behind. */
    private static final Set<String> CROSS_ORIGIN_SAFE = Set.of("accept", "accept-language", "cache-control");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    OutboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = headers == null ? Map.of() : headers;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            checkHeader(header.getKey(), header.getValue(), uri);
        }
        headers = Map.copyOf(headers);
        if (contentType != null) {
            checkHeader("Content-Type", contentType, uri);
        }
    }

    /** The next hop after a redirect answered with {@code status}, to the already resolved {@code next}. */
    OutboundRequest redirectTo(URI next, int status) {
        // 303 always, and 301/302 after POST, continue as GET without the body (what browsers and
        // HttpClient's own strategy do); 307/308 require repeating the method and body
        boolean toGet = status == 303 && !method.equals("HEAD") || (status == 301 || status == 302) && method.equals("POST");
        Map<String, String> nextHeaders = new LinkedHashMap<>(headers);
        if (!sameOrigin(uri, next)) {
            nextHeaders.keySet().removeIf(name -> !CROSS_ORIGIN_SAFE.contains(name.toLowerCase(Locale.ROOT)));
        }
        return toGet ? new OutboundRequest("GET", next, nextHeaders, null, null)
                : new OutboundRequest(method, next, nextHeaders, body, contentType);
    }

    /* Origin = scheme, host and port: a change of any of them (also https to http) drops the caller's headers. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && Objects.equals(OutboundGuard.hostOf(a), OutboundGuard.hostOf(b))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static void checkHeader(String name, String value, URI uri) {
        String host = OutboundGuard.hostOf(uri);
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new OutboundRefusedException(Rule.HEADER, host, "a header name is not a valid HTTP token");
        }
        if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new OutboundRefusedException(Rule.HEADER, host, "header " + name + " is set by the client only");
        }
        // CR/LF would split the request (header injection); the value itself is never echoed
        if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new OutboundRefusedException(Rule.HEADER, host, "header " + name + " has a missing or multi-line value");
        }
    }
}
