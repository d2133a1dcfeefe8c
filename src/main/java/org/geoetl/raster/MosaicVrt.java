package org.geoetl.raster;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mosaic definition of a tile set: a GDAL VRT laying every tile COG at its place in the output
 * grid, sources named relative to the VRT (it is stored beside the tiles, so it works wherever the
 * tiles are mounted or copied). GDAL reads it as one raster, using the tiles' own overviews.
 */
public final class MosaicVrt {

    /** One tile COG: its file name beside the VRT, its size and geotransform. */
    public record Source(String fileName, int width, int height, double[] transform) {
    }

    private MosaicVrt() {
    }

    /**
     * @param axisMapping GDAL's data-axis-to-CRS-axis mapping: "2,1" for a CRS that lists latitude
     *                    first (EPSG:4326), since the grid is always x = easting/longitude first
     */
    public static String xml(int width, int height, double[] gt, String crs, String axisMapping, int bands, String dtype,
                             Double nodata, List<Source> sources) {
        StringBuilder x = new StringBuilder();
        x.append("<VRTDataset rasterXSize=\"").append(width).append("\" rasterYSize=\"").append(height).append("\">\n");
        if (crs != null) {
            x.append("  <SRS dataAxisToSRSAxisMapping=\"").append(axisMapping).append("\">").append(escape(crs))
                    .append("</SRS>\n");
        }
        x.append("  <GeoTransform>").append(number(gt[0])).append(", ").append(number(gt[1])).append(", ")
                .append(number(gt[2])).append(", ").append(number(gt[3])).append(", ").append(number(gt[4])).append(", ")
                .append(number(gt[5])).append("</GeoTransform>\n");
        String source = nodata == null ? "SimpleSource" : "ComplexSource";
        for (int b = 1; b <= bands; b++) {
            x.append("  <VRTRasterBand dataType=\"").append(dtype).append("\" band=\"").append(b).append("\">\n");
            if (nodata != null) {
                x.append("    <NoDataValue>").append(number(nodata)).append("</NoDataValue>\n");
            }
            for (Source s : sources) {
                long xoff = Math.round((s.transform()[0] - gt[0]) / gt[1]);
                long yoff = Math.round((s.transform()[3] - gt[3]) / gt[5]);
                // a source of coarser pixels than the mosaic covers more of its pixels (tiles: the same)
                long xsize = Math.round(s.width() * s.transform()[1] / gt[1]);
                long ysize = Math.round(s.height() * s.transform()[5] / gt[5]);
                x.append("    <").append(source).append(">\n")
                        .append("      <SourceFilename relativeToVRT=\"1\">").append(escape(s.fileName()))
                        .append("</SourceFilename>\n")
                        .append("      <SourceBand>").append(b).append("</SourceBand>\n")
                        .append("      <SourceProperties RasterXSize=\"").append(s.width()).append("\" RasterYSize=\"")
                        .append(s.height()).append("\" DataType=\"").append(dtype)
                        .append("\" BlockXSize=\"512\" BlockYSize=\"512\"/>\n")
                        .append("      <SrcRect xOff=\"0\" yOff=\"0\" xSize=\"").append(s.width()).append("\" ySize=\"")
                        .append(s.height()).append("\"/>\n")
                        .append("      <DstRect xOff=\"").append(xoff).append("\" yOff=\"").append(yoff)
                        .append("\" xSize=\"").append(xsize).append("\" ySize=\"").append(ysize).append("\"/>\n");
                if (nodata != null) {
                    x.append("      <NODATA>").append(number(nodata)).append("</NODATA>\n");
                }
                x.append("    </").append(source).append(">\n");
            }
            x.append("  </VRTRasterBand>\n");
        }
        return x.append("</VRTDataset>\n").toString();
    }

    /** "2,1" when the CRS lists latitude first (EPSG:4326): the grid is always x first. */
    public static String axisMapping(String crs) {
        if (crs == null) {
            return "1,2";
        }
        org.gdal.osr.SpatialReference srs = new org.gdal.osr.SpatialReference();
        try {
            int err = crs.startsWith("EPSG:") ? srs.ImportFromEPSG(Integer.parseInt(crs.substring(5)))
                    : srs.ImportFromWkt(crs);
            return err == 0 && srs.EPSGTreatsAsLatLong() == 1 ? "2,1" : "1,2";
        } finally {
            srs.delete();
        }
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.17g", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static Source source(Map<String, Object> cog, String fileName) {
        @SuppressWarnings("unchecked")
        double[] gt = RasterCatalog.toArray((List<Number>) cog.get("transform"));
        return new Source(fileName, ((Number) cog.get("width")).intValue(), ((Number) cog.get("height")).intValue(), gt);
    }
}
