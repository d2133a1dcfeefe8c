package org.geoetl.storage;

import java.util.Arrays;
import java.util.Locale;

/** The seed's storage zones: raw input, processed output, external, published. */
public enum StorageZone {
    BRONZE, SILVER, SILVEREXT, GOLD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The zone named {@code id}; anything else is a configuration error. */
    public static StorageZone of(String id) {
        return Arrays.stream(values()).filter(z -> z.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("storage zone '" + id + "' is not one of "
                        + Arrays.stream(values()).map(StorageZone::id).toList()));
    }
}
