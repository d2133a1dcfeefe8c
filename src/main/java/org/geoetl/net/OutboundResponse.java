package org.geoetl.net;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The final (non-redirect) answer of an outbound request.
 *
 * @param status  HTTP status; non-2xx is returned, not thrown, so callers decide what it means
 * @param headers header names lower-cased, values in arrival order; unmodifiable
 * @param body    the whole body, at most {@code max-response} bytes; the array is the caller's
 *                (not copied, as it may be large), and record equality compares it by identity
 */
public record OutboundResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public OutboundResponse {
        headers = normalized(headers);
        body = body == null ? new byte[0] : body;
    }

    /* Lower-cased names, immutable value lists, arrival order kept (shared with OutboundDownload). */
    static Map<String, List<String>> normalized(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** The first value of a header, case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
