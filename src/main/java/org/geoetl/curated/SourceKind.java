package org.geoetl.curated;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where a curated dataset comes from, and which environment variables its credentials need. */
public enum SourceKind {
    IBAT_WDPA(List.of("WDPA_AUTH_KEY", "WDPA_AUTH_TOKEN")),
    IBAT_KBA(List.of("WDPA_AUTH_KEY", "WDPA_AUTH_TOKEN")),
    ACLED(List.of("ACLED_EMAIL", "ACLED_PASSWORD")),
    NATURAL_EARTH_ADMIN0(List.of()),
    NATURAL_EARTH_ADMIN1(List.of()),
    URL(List.of()),
    MANUAL(List.of());

    private final List<String> credentials;

    SourceKind(List<String> credentials) {
        this.credentials = credentials;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The environment variables this source needs, by name (values are never read into responses). */
    public List<String> credentials() {
        return credentials;
    }

    public static Optional<SourceKind> parse(String value) {
        for (SourceKind k : values()) {
            if (k.id().equals(value)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
