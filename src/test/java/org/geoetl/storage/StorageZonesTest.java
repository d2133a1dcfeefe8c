package org.geoetl.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties.Storage.ZoneMembers;
import org.junit.jupiter.api.Test;

class StorageZonesTest {

    private final StorageZones defaults = new StorageZones(null);

    @Test
    void theSeedsContainersBelongToTheirZonesByDefault() {
        assertThat(defaults.of("bronze-vectors")).isEqualTo(StorageZone.BRONZE);
        assertThat(defaults.of("bronze-rasters")).isEqualTo(StorageZone.BRONZE);
        assertThat(defaults.of("bronzemapspam")).isEqualTo(StorageZone.BRONZE);
        assertThat(defaults.of("silver-cogs")).isEqualTo(StorageZone.SILVER);
        assertThat(defaults.of("silvermapspam")).isEqualTo(StorageZone.SILVER);
        assertThat(defaults.of("silver")).isEqualTo(StorageZone.SILVER);
        assertThat(defaults.of("gold")).isEqualTo(StorageZone.GOLD);
    }

    @Test
    void theLongestPrefixWins() {
        assertThat(defaults.of("silverext-partners")).isEqualTo(StorageZone.SILVEREXT);
        assertThat(defaults.of("silver-partners")).isEqualTo(StorageZone.SILVER);
    }

    @Test
    void anExplicitNameWinsOverAPrefix() {
        StorageZones zones = new StorageZones(Map.of("gold", new ZoneMembers(List.of("silver-published"), List.of("gold"))));
        assertThat(zones.of("silver-published")).isEqualTo(StorageZone.GOLD);
        assertThat(zones.of("silver-other")).isEqualTo(StorageZone.SILVER);
    }

    @Test
    void aConfiguredZoneReplacesItsDefaultsOnly() {
        StorageZones zones = new StorageZones(Map.of("bronze", new ZoneMembers(List.of("rmhazuregeobronze"), List.of("raw-"))));
        assertThat(zones.of("rmhazuregeobronze")).isEqualTo(StorageZone.BRONZE);
        assertThat(zones.of("raw-2024")).isEqualTo(StorageZone.BRONZE);
        assertThat(zones.find("bronze-vectors")).isEmpty();
        assertThat(zones.of("silver-cogs")).isEqualTo(StorageZone.SILVER);
    }

    @Test
    void invalidNamesAndContainersOfNoZoneAreRefused() {
        assertThatThrownBy(() -> defaults.of("Bronze_Vectors")).isInstanceOf(InvalidBlobNameException.class)
                .hasMessageContaining("3-63 lower-case letters");
        assertThatThrownBy(() -> defaults.of("bronze--x")).isInstanceOf(InvalidBlobNameException.class);
        assertThatThrownBy(() -> defaults.of("ab")).isInstanceOf(InvalidBlobNameException.class);
        assertThatThrownBy(() -> defaults.of("b".repeat(64))).isInstanceOf(InvalidBlobNameException.class);
        assertThatThrownBy(() -> defaults.of("secret-stuff")).isInstanceOf(InvalidBlobNameException.class)
                .hasMessageContaining("belongs to no storage zone");
        assertThat(defaults.find("Bronze")).isEmpty();
    }

    @Test
    void configurationErrorsStopTheStart() {
        assertThatThrownBy(() -> new StorageZones(Map.of("platinum", new ZoneMembers(List.of("x12"), null))))
                .hasMessageContaining("platinum");
        assertThatThrownBy(() -> new StorageZones(Map.of("bronze", new ZoneMembers(List.of("shared"), null),
                "silver", new ZoneMembers(List.of("shared"), null)))).hasMessageContaining("two zones");
        assertThatThrownBy(() -> new StorageZones(Map.of("bronze", new ZoneMembers(List.of("Not_Valid"), null))))
                .isInstanceOf(InvalidBlobNameException.class);
    }
}
