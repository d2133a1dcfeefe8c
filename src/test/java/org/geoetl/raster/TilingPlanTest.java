package org.geoetl.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TilingPlanTest {

    private static final long MB = 1024 * 1024;

    @Test
    void tilesCoverTheGridExactlyOnceWithWholeBlocksExceptAtTheEdges() {
        List<TilingPlan.Tile> tiles = TilingPlan.tiles(2500, 1100, 1024);
        assertThat(tiles).hasSize(3 * 2);
        long area = 0;
        Set<String> ids = new HashSet<>();
        for (TilingPlan.Tile t : tiles) {
            area += (long) t.width() * t.height();
            ids.add(t.id());
            assertThat(t.x() % 512).isZero();
            assertThat(t.y() % 512).isZero();
            assertThat(t.x() + t.width()).isLessThanOrEqualTo(2500);
            assertThat(t.y() + t.height()).isLessThanOrEqualTo(1100);
        }
        assertThat(area).isEqualTo(2500L * 1100);
        assertThat(ids).hasSize(6).contains("r000-c000", "r001-c002");
        TilingPlan.Tile corner = tiles.get(5);
        assertThat(List.of(corner.x(), corner.y(), corner.width(), corner.height())).containsExactly(2048, 1024, 452, 76);
    }

    @Test
    void tileSideFollowsTheTargetSizeInWholeBlocks() {
        // the seed's rule: side = sqrt(target / (bands × bytes per sample)); here rounded down to 512 blocks
        assertThat(TilingPlan.tileSide(400 * MB, 1, 4)).isEqualTo(10240);
        assertThat(TilingPlan.tileSide(400 * MB, 3, 1)).isEqualTo(11776);
        assertThat(TilingPlan.tileSide(1 * MB, 1, 4)).isEqualTo(512);
        assertThat(TilingPlan.tileSide(1, 8, 8)).isEqualTo(512); // never below one block
    }

    @Test
    void theStrategyIsTiledWhenTheFileOrItsUncompressedPixelsExceedTheThreshold() {
        assertThat(TilingPlan.strategy(100 * MB, 1500 * MB, 2000 * MB).tiled()).isFalse();
        assertThat(TilingPlan.strategy(2100 * MB, 1500 * MB, 2000 * MB).tiled()).isTrue();
        TilingPlan.Strategy compressed = TilingPlan.strategy(500 * MB, 8000 * MB, 2000 * MB);
        assertThat(compressed.tiled()).isTrue();
        assertThat(compressed.reason()).contains("uncompressed 8000 MB").contains("geoetl.raster.tiling-threshold");
    }
}
