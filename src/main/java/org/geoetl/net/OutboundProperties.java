package org.geoetl.net;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Policy and limits of every outbound HTTP request ({@code geoetl.outbound.*}). The compact
 * constructor re-checks what the annotations state, so an instance built by hand (tests, or the
 * binder without validation) can never carry a policy looser than the annotations allow.
 */
public record OutboundProperties(
        /* only these schemes may leave the service; http is for tests and local mocks, never production */
        @NotEmpty @DefaultValue("https") List<@NotBlank @Pattern(regexp = "(?i)https?") String> allowedSchemes,
        /* exact host names or *.suffix wildcards: an allow-list, because a deny-list of internal names is never complete */
        @NotNull @DefaultValue List<@NotBlank String> allowedHosts,
        /* hosts whose private/loopback addresses are tolerated (test servers); empty in production */
        @NotNull @DefaultValue List<@NotBlank String> allowedPrivateHosts,
        /* a peer that does not accept the connection by then is treated as down, not waited for */
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        /* longest silence between two reads (not a total deadline); stops a peer that stalls forever */
        @NotNull @DefaultValue("60s") Duration readTimeout,
        /* each hop is re-vetted, but a bound still stops redirect loops and long hop chains */
        @Min(0) @Max(20) @DefaultValue("3") int maxRedirects,
        /* bodies are buffered in memory, so an unbounded body would be an out-of-memory attack */
        @NotNull @DefaultValue("512MB") DataSize maxResponse) {

    /** Largest cap a byte[] body can honour. */
    static final long MAX_BUFFERED = Integer.MAX_VALUE - 8L;

    public OutboundProperties {
        allowedSchemes = lowerCase(allowedSchemes);
        allowedHosts = hostEntries(allowedHosts);
        allowedPrivateHosts = hostEntries(allowedPrivateHosts);
        if (allowedSchemes.isEmpty() || !List.of("http", "https").containsAll(allowedSchemes)) {
            throw new IllegalArgumentException("allowed-schemes must be a non-empty subset of [http, https]");
        }
        requirePositive(connectTimeout, "connect-timeout");
        requirePositive(readTimeout, "read-timeout");
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("max-redirects must be between 0 and 20");
        }
        if (maxResponse == null || maxResponse.toBytes() < 1 || maxResponse.toBytes() > MAX_BUFFERED) {
            throw new IllegalArgumentException("max-response must be between 1B and " + MAX_BUFFERED + "B");
        }
    }

    private static List<String> lowerCase(List<String> values) {
        return values == null ? List.of()
                : values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /* Entries are compared with URI hosts, which are lower-cased and unbracketed by the guard. */
    private static List<String> hostEntries(List<String> values) {
        List<String> hosts = lowerCase(values).stream()
                .map(h -> h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h)
                .toList();
        for (String host : hosts) {
            if (host.isEmpty() || host.equals("*") || host.equals("*.") || host.indexOf('*', 1) >= 0
                    || (host.startsWith("*") && !host.startsWith("*."))) {
                throw new IllegalArgumentException("bad host entry '" + host + "': use a name or *.suffix");
            }
        }
        return hosts;
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
