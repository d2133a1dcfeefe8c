package org.geoetl.raster;

import java.util.ArrayList;
import java.util.List;

/**
 * What a raster holds, inferred from evidence (band count, data type, colour interpretation, the
 * values of a sample) with a confidence and the reasons, so a user can see why.
 */
public record RasterType(String type, String confidence, List<String> evidence) {

    /** Facts read from the header and a sample window. */
    public record Facts(int bands, String dtype, List<String> colorInterp, boolean hasColorTable, Integer sampleDistinct,
                        boolean sampleIntegral, double sampleMin, double sampleMax) {
    }

    public static RasterType infer(Facts f) {
        List<String> why = new ArrayList<>();
        boolean byteType = f.dtype().equals("Byte");
        boolean floating = f.dtype().startsWith("Float");
        why.add(f.bands() + " band(s) of " + f.dtype());
        if (f.bands() == 1) {
            if (f.hasColorTable()) {
                why.add("a colour table");
                return new RasterType("categorical", "high", why);
            }
            if (!floating && f.sampleIntegral() && f.sampleDistinct() != null && f.sampleDistinct() < 256) {
                why.add(f.sampleDistinct() + " distinct values in the sample");
                return new RasterType("categorical", f.sampleDistinct() <= 32 ? "high" : "medium", why);
            }
            why.add(floating ? "floating-point values " + f.sampleMin() + " … " + f.sampleMax()
                    : "many distinct integer values");
            boolean elevationLike = f.sampleMin() >= -500 && f.sampleMax() <= 9000;
            if (elevationLike) {
                why.add("range fits terrain heights");
            }
            return new RasterType("dem", floating && elevationLike ? "high" : "medium", why);
        }
        if (f.bands() == 3) {
            if (f.colorInterp().equals(List.of("Red", "Green", "Blue"))) {
                why.add("colour interpretation red, green, blue");
            }
            return new RasterType("rgb", byteType ? "high" : "medium", why);
        }
        if (f.bands() == 4) {
            if (f.colorInterp().size() == 4 && f.colorInterp().get(3).equals("Alpha")) {
                why.add("band 4 is alpha");
                return new RasterType("rgba", "high", why);
            }
            if (byteType) {
                why.add("4 byte bands without alpha interpretation: treated as RGBA");
                return new RasterType("rgba", "medium", why);
            }
            why.add("4 bands wider than 8 bits: red, green, blue and near-infrared");
            return new RasterType("nir", "medium", why);
        }
        why.add(f.bands() + " bands: " + (f.bands() >= 12 ? "Sentinel-2-like" : f.bands() >= 7 ? "Landsat-like" : "multi-band"));
        return new RasterType("multispectral", "medium", why);
    }
}
