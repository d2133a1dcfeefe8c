package org.geoetl.storage;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geoetl.config.GeoEtlProperties.Storage.ZoneMembers;

/**
 * Which zone a container belongs to. Real accounts name containers freely ({@code bronze-vectors},
 * {@code silvermapspam}, {@code rmhazuregeobronze}); configuration assigns each to a zone by its
 * exact name or a name prefix. An exact name wins over prefixes; among prefixes the longest wins
 * ({@code silverext-x} is silverext, not silver). A container no zone claims is refused.
 */
public final class StorageZones {

    /** The seed's containers, and each zone's own name as a prefix. */
    static final Map<String, ZoneMembers> DEFAULTS = Map.of(
            "bronze", new ZoneMembers(List.of("bronze", "bronze-vectors", "bronze-rasters", "bronzemapspam"), List.of("bronze")),
            "silver", new ZoneMembers(List.of("silver", "silver-cogs", "silvermapspam"), List.of("silver")),
            "silverext", new ZoneMembers(List.of("silverext"), List.of("silverext")),
            "gold", new ZoneMembers(List.of("gold"), List.of("gold")));

    private final Map<StorageZone, ZoneMembers> zones = new EnumMap<>(StorageZone.class);

    public StorageZones(Map<String, ZoneMembers> configured) {
        withDefaults(configured).forEach((zone, members) -> zones.put(StorageZone.of(zone), members));
        Map<String, StorageZone> seen = new LinkedHashMap<>();
        zones.forEach((zone, members) -> members.containers().forEach(c -> {
            BlobNames.container(c);
            StorageZone other = seen.put(c, zone);
            if (other != null) {
                throw new IllegalArgumentException("container '" + c + "' is configured in two zones: " + other.id()
                        + " and " + zone.id());
            }
        }));
    }

    /** The configured zones, each zone left out taking its default members. */
    public static Map<String, ZoneMembers> withDefaults(Map<String, ZoneMembers> configured) {
        Map<String, ZoneMembers> out = new LinkedHashMap<>(DEFAULTS);
        if (configured != null) {
            configured.keySet().forEach(StorageZone::of);
            out.putAll(configured);
        }
        return Map.copyOf(out);
    }

    /** The container's zone, or empty when it is not a valid name or no zone claims it. */
    public Optional<StorageZone> find(String container) {
        try {
            BlobNames.container(container);
        } catch (InvalidBlobNameException e) {
            return Optional.empty();
        }
        for (Map.Entry<StorageZone, ZoneMembers> e : zones.entrySet()) {
            if (e.getValue().containers().contains(container)) {
                return Optional.of(e.getKey());
            }
        }
        StorageZone best = null;
        int longest = 0;
        for (Map.Entry<StorageZone, ZoneMembers> e : zones.entrySet()) {
            for (String prefix : e.getValue().prefixes()) {
                if (container.startsWith(prefix) && prefix.length() > longest) {
                    best = e.getKey();
                    longest = prefix.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The container's zone; a 400 naming the rule for an invalid name or a container no zone claims. */
    public StorageZone of(String container) {
        BlobNames.container(container);
        return find(container).orElseThrow(() -> new InvalidBlobNameException("container '" + container
                + "' belongs to no storage zone; add it (or a prefix of it) to geoetl.storage.zones.<zone>"
                + " (zones: bronze, silver, silverext, gold)"));
    }
}
