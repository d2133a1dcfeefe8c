package org.geoetl.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BlobNamesTest {

    @Test
    void acceptsOrdinaryNames() {
        assertThat(BlobNames.blob("a/b/c.tif")).isEqualTo("a/b/c.tif");
        assertThat(BlobNames.container("bronze")).isEqualTo("bronze");
        assertThat(BlobNames.resolve("x/items/a.json", "./a.tif")).isEqualTo("x/items/a.tif");
        assertThat(BlobNames.resolve("x/collection.json", "./items/a.json")).isEqualTo("x/items/a.json");
        assertThat(BlobNames.resolve("x/items/a.json", "../assets/a.tif")).isEqualTo("x/assets/a.tif");
    }

    @Test
    void refusesNamesThatEscapeOrBreakTheRules() {
        for (String bad : new String[] {"/etc/passwd", "a/../b", "..", "a//b", "a\\b", "a/./b", "a\u0000b", "x".repeat(1025)}) {
            assertThatThrownBy(() -> BlobNames.blob(bad)).as(bad).isInstanceOf(InvalidBlobNameException.class);
        }
        for (String bad : new String[] {"Bronze", "ab", "a--b", "-ab", "a_b", "bronze.vectors"}) {
            assertThatThrownBy(() -> BlobNames.container(bad)).as(bad).isInstanceOf(InvalidBlobNameException.class);
        }
        assertThatThrownBy(() -> BlobNames.resolve("a.json", "../../etc/passwd")).isInstanceOf(InvalidBlobNameException.class);
    }

    @Test
    void localStorageKeepsEveryNameInsideItsContainer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) {
        LocalBlobStorage storage = new LocalBlobStorage("t", root, "http://x/api/storage/", "");
        assertThat(storage.path("bronze", "a/b.txt").startsWith(root.resolve("bronze"))).isTrue();
        assertThatThrownBy(() -> storage.path("bronze", "../silver/x")).isInstanceOf(InvalidBlobNameException.class);
    }

    @Test
    void refusesLookAlikesInvisibleCharactersLongSegmentsAndGdalConnections() {
        for (String bad : new String[] {"a\u2215..\u2215etc", "a/\uff0e\uff0e/b", "a\uff0fb", "a\u2044b", "x\u202etxt.exe",
                "zero\u200bwidth", "\uff41bc", "PG:dbname=geoetl", "WMS:x", "http:x", "gdal:x", "x".repeat(256) + "/a"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> BlobNames.blob(bad))
                    .as(bad).isInstanceOf(InvalidBlobNameException.class);
        }
        org.assertj.core.api.Assertions.assertThat(BlobNames.blob("café/naïve-ÄÖ.tif")).isEqualTo("café/naïve-ÄÖ.tif");
        org.assertj.core.api.Assertions.assertThat(BlobNames.blob("a/" + "x".repeat(255))).endsWith("x");
        org.assertj.core.api.Assertions.assertThat(BlobNames.blob("2026-01:report.csv")).isEqualTo("2026-01:report.csv");
    }
}
