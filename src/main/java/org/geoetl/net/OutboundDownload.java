package org.geoetl.net;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The final (non-redirect) answer of a download: the body went to the target file, not to memory.
 *
 * @param status  HTTP status; non-2xx is returned, not thrown, and then no file was written
 * @param headers header names lower-cased, values in arrival order; unmodifiable
 * @param bytes   bytes written to the target file (0 for a non-2xx answer)
 */
public record OutboundDownload(int status, Map<String, List<String>> headers, long bytes) {

    public OutboundDownload {
        headers = OutboundResponse.normalized(headers);
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
