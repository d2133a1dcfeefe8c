package org.geoetl.curated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Reference-data sources ({@code geoetl.curated.*}, docs/configuration.md). The defaults live here
 * only: application.yaml maps the GEOETL_IBAT_URL / GEOETL_ACLED_URL overrides with an empty
 * fallback, and a blank URL means the default. Like {@code OutboundProperties}, the compact
 * constructors re-check what the annotations state, so a hand-built instance is never looser.
 */
public record CuratedProperties(
        @Valid @NotNull @DefaultValue Ibat ibat,
        @Valid @NotNull @DefaultValue Acled acled,
        /* largest archive one download may write; WDPA as a GeoPackage is a few GB */
        @NotNull @DefaultValue("8GB") DataSize maxDownload,
        @Valid @NotNull @DefaultValue Retry retry) {

    public static final String DEFAULT_IBAT_URL = "https://api.ibat-alliance.org/v1";
    public static final String DEFAULT_ACLED_URL = "https://acleddata.com";

    public CuratedProperties {
        java.util.Objects.requireNonNull(ibat, "ibat");
        java.util.Objects.requireNonNull(acled, "acled");
        java.util.Objects.requireNonNull(retry, "retry");
        if (maxDownload == null || maxDownload.toBytes() < 1) {
            throw new IllegalArgumentException("geoetl.curated.max-download must be positive");
        }
    }

    /** IBAT (WDPA, KBA): the data-downloads API; credentials WDPA_AUTH_KEY / WDPA_AUTH_TOKEN from the environment. */
    public record Ibat(@DefaultValue(DEFAULT_IBAT_URL) String baseUrl) {

        public Ibat {
            baseUrl = httpUrl(baseUrl, DEFAULT_IBAT_URL, "ibat");
        }

        public URI baseUri() {
            return URI.create(baseUrl);
        }
    }

    /** ACLED: OAuth token and read APIs; credentials ACLED_EMAIL / ACLED_PASSWORD from the environment. */
    public record Acled(
            @DefaultValue(DEFAULT_ACLED_URL) String baseUrl,
            /* rows per page; 5000 is the API's largest page */
            @Min(1) @Max(5000) @DefaultValue("5000") int pageSize) {

        public Acled {
            baseUrl = httpUrl(baseUrl, DEFAULT_ACLED_URL, "acled");
            if (pageSize < 1 || pageSize > 5000) {
                throw new IllegalArgumentException("geoetl.curated.acled.page-size must be between 1 and 5000");
            }
        }

        public URI baseUri() {
            return URI.create(baseUrl);
        }
    }

    /**
     * Retries of one source request (429, 5xx, I/O failures) within a task, before the engine's own
     * task retry takes over: full-jitter exponential backoff, Retry-After honoured up to max-delay.
     */
    public record Retry(
            /* requests per call, the first included */
            @Min(1) @Max(20) @DefaultValue("5") int maxAttempts,
            @NotNull @DefaultValue("1s") Duration baseDelay,
            /* also the cap on a server's Retry-After */
            @NotNull @DefaultValue("60s") Duration maxDelay) {

        public Retry {
            if (maxAttempts < 1 || maxAttempts > 20) {
                throw new IllegalArgumentException("geoetl.curated.retry.max-attempts must be between 1 and 20");
            }
            if (baseDelay == null || baseDelay.isNegative() || maxDelay == null || maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException("geoetl.curated.retry needs 0 <= base-delay <= max-delay");
            }
        }
    }

    /* Blank means the default; anything else must be an absolute http(s) URL without credentials or query. */
    private static String httpUrl(String value, String fallback, String name) {
        String url = value == null || value.isBlank() ? fallback : value.strip();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("geoetl.curated." + name
                        + ".base-url must be an http(s) URL with a host and no credentials, query or fragment");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("geoetl.curated." + name + ".base-url is not a valid URL");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
