package org.geoetl.raster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a raster is converted whole or tiled, and its tiles: a plain row/column grid over the
 * output pixel grid, no overlap, every tile side a whole number of 512-pixel COG blocks (edge tiles
 * take the remainder). Because all tiles share one grid, the mosaic of them is pixel-for-pixel the
 * whole raster.
 */
public final class TilingPlan {

    static final int BLOCK = 512;

    /** One tile: its id (stable for a given grid, so tasks are idempotent by it) and pixel window. */
    public record Tile(String id, int row, int col, int x, int y, int width, int height) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tile_id", id);
            m.put("row", row);
            m.put("col", col);
            m.put("x", x);
            m.put("y", y);
            m.put("width", width);
            m.put("height", height);
            return m;
        }
    }

    /** "single" or "tiled", and why, in words a user can check against the configuration. */
    public record Strategy(String name, String reason) {
        public boolean tiled() {
            return "tiled".equals(name);
        }
    }

    private TilingPlan() {
    }

    /**
     * Tiled when the file or its uncompressed pixels (the memory a whole-raster pass would need to
     * hold at once, were it read rather than streamed) exceed the threshold: a compressed 500 MB
     * file that expands to 8 GB is tiled as surely as an 8 GB one.
     */
    public static Strategy strategy(long fileBytes, long uncompressedBytes, long thresholdBytes) {
        long mb = 1024 * 1024;
        if (fileBytes > thresholdBytes || uncompressedBytes > thresholdBytes) {
            return new Strategy("tiled", "file " + fileBytes / mb + " MB, uncompressed " + uncompressedBytes / mb
                    + " MB: above the tiling threshold of " + thresholdBytes / mb + " MB (geoetl.raster.tiling-threshold)");
        }
        return new Strategy("single", "file " + fileBytes / mb + " MB, uncompressed " + uncompressedBytes / mb
                + " MB: within the tiling threshold of " + thresholdBytes / mb + " MB");
    }

    /** The tile side for a target uncompressed size per tile: whole blocks, at least one block. */
    public static int tileSide(long targetBytes, int bands, int bytesPerSample) {
        double side = Math.sqrt((double) targetBytes / ((long) Math.max(bands, 1) * Math.max(bytesPerSample, 1)));
        return Math.max(BLOCK, (int) (side / BLOCK) * BLOCK);
    }

    public static List<Tile> tiles(int width, int height, int side) {
        if (width < 1 || height < 1 || side < 1) {
            throw new IllegalArgumentException("cannot tile " + width + " × " + height + " by " + side);
        }
        List<Tile> tiles = new ArrayList<>();
        int rows = (height + side - 1) / side;
        int cols = (width + side - 1) / side;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int x = c * side;
                int y = r * side;
                tiles.add(new Tile(String.format("r%03d-c%03d", r, c), r, c, x, y, Math.min(side, width - x),
                        Math.min(side, height - y)));
            }
        }
        return tiles;
    }

    static List<Map<String, Object>> asMaps(List<Tile> tiles) {
        return tiles.stream().map(Tile::toMap).toList();
    }
}
