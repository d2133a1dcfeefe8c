package org.geoetl.raster;

import java.util.ArrayList;
import java.util.List;

/**
 * COG creation options chosen by raster type and output tier, and actually applied (the seed
 * computed per-type settings and ignored them). Lossy JPEG only for visualization of 8-bit RGB;
 * predictor 2 for integers and 3 for floats; overviews resampled by what the values mean.
 */
public record CogProfile(String tier, String compression, String resampling, List<String> creationOptions) {

    public static CogProfile choose(String type, String tier, String dtype, int jpegQuality, int bands) {
        boolean floating = dtype.startsWith("Float");
        String resampling = switch (type) {
            case "categorical" -> "MODE";
            case "rgb", "rgba" -> "CUBIC";
            default -> "AVERAGE";
        };
        String effectiveTier = tier;
        if ("visualization".equals(tier) && !("rgb".equals(type) && "Byte".equals(dtype) && bands == 3)) {
            effectiveTier = "analysis"; // JPEG suits 8-bit RGB only; anything else would lose data
        }
        List<String> co = new ArrayList<>(List.of("BLOCKSIZE=512", "NUM_THREADS=ALL_CPUS", "OVERVIEWS=AUTO",
                "RESAMPLING=" + resampling, "BIGTIFF=IF_SAFER"));
        String compression;
        switch (effectiveTier) {
            case "visualization" -> {
                compression = "JPEG";
                co.add("COMPRESS=JPEG");
                co.add("QUALITY=" + jpegQuality);
            }
            case "archive" -> {
                compression = "LZW";
                co.add("COMPRESS=LZW");
                co.add("PREDICTOR=" + (floating ? "3" : "2"));
            }
            default -> {
                compression = "DEFLATE";
                co.add("COMPRESS=DEFLATE");
                co.add("LEVEL=6");
                co.add("PREDICTOR=" + (floating ? "3" : "2"));
            }
        }
        return new CogProfile(effectiveTier, compression, resampling, co);
    }
}
