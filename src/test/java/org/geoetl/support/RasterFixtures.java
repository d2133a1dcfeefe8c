package org.geoetl.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.osr.SpatialReference;

/** GeoTIFFs written by GDAL for raster tests: any size, bands and type; pixel value = f(band, x, y). */
public final class RasterFixtures {

    public interface PixelFn {
        double value(int band, int x, int y);
    }

    private RasterFixtures() {
    }

    /** Row by row, so a large fixture never sits in memory whole. {@code epsg} null = no CRS. */
    public static Path tif(Path dir, String name, int width, int height, int bands, int type, Integer epsg,
                           double[] origin, double res, Double nodata, PixelFn fn, int... colorInterp) throws Exception {
        gdal.AllRegister();
        Files.createDirectories(dir);
        Path file = dir.resolve(UUID.randomUUID() + "-" + name + ".tif");
        Dataset ds = gdal.GetDriverByName("GTiff").Create(file.toString(), width, height, bands, type);
        ds.SetGeoTransform(new double[] {origin[0], res, 0, origin[1], 0, -res});
        if (epsg != null) {
            SpatialReference srs = new SpatialReference();
            srs.ImportFromEPSG(epsg);
            ds.SetProjection(srs.ExportToWkt());
            srs.delete();
        }
        double[] row = new double[width];
        for (int b = 1; b <= bands; b++) {
            Band band = ds.GetRasterBand(b);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    row[x] = fn.value(b, x, y);
                }
                band.WriteRaster(0, y, width, 1, row);
            }
            if (nodata != null) {
                band.SetNoDataValue(nodata);
            }
            if (colorInterp.length >= b) {
                band.SetColorInterpretation(colorInterp[b - 1]);
            }
        }
        ds.delete();
        return file;
    }

    /** Every pixel of one band, as doubles. */
    public static double[] pixels(Dataset ds, int band) {
        double[] values = new double[ds.getRasterXSize() * ds.getRasterYSize()];
        ds.GetRasterBand(band).ReadRaster(0, 0, ds.getRasterXSize(), ds.getRasterYSize(), values);
        return values;
    }

    /**
     * How two pixel arrays differ: "" when equal, else the count of differing pixels and the first
     * one (AssertJ's array diff is quadratic, unusable on millions of pixels).
     */
    public static String difference(double[] expected, double[] actual, int width, double tolerance) {
        if (expected.length != actual.length) {
            return "sizes differ: " + expected.length + " vs " + actual.length;
        }
        int differing = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            boolean same = Math.abs(expected[i] - actual[i]) <= tolerance
                    || Double.isNaN(expected[i]) && Double.isNaN(actual[i]);
            if (!same) {
                differing++;
                first = first < 0 ? i : first;
            }
        }
        return differing == 0 ? "" : differing + " pixels differ; the first at x " + first % width + ", y " + first / width
                + ": expected " + expected[first] + ", got " + actual[first];
    }

    /** {@link #difference} over two whole rasters of any size, one strip of rows at a time. */
    public static String difference(Dataset expected, Dataset actual, int band, double tolerance) {
        int w = expected.getRasterXSize();
        int h = expected.getRasterYSize();
        if (actual.getRasterXSize() != w || actual.getRasterYSize() != h) {
            return "sizes differ: " + w + " × " + h + " vs " + actual.getRasterXSize() + " × " + actual.getRasterYSize();
        }
        int strip = Math.max(1, (1 << 22) / w);
        double[] a = new double[w * strip];
        double[] b = new double[w * strip];
        for (int y = 0; y < h; y += strip) {
            int rows = Math.min(strip, h - y);
            double[] ea = rows == strip ? a : new double[w * rows];
            double[] ab = rows == strip ? b : new double[w * rows];
            expected.GetRasterBand(band).ReadRaster(0, y, w, rows, ea);
            actual.GetRasterBand(band).ReadRaster(0, y, w, rows, ab);
            String diff = difference(ea, ab, w, tolerance);
            if (!diff.isEmpty()) {
                return "in rows from " + y + ": " + diff;
            }
        }
        return "";
    }

    /**
     * The tile COGs in {@code dir} against the source they were cut from: each placed by its
     * geotransform, compared pixel for pixel, and together covering the source exactly once.
     * Reads GeoTIFFs only, so it needs no VRT driver (the service's GDAL hardening skips it).
     */
    public static String tilesDifference(Dataset source, java.nio.file.Path dir) throws java.io.IOException {
        double[] sgt = source.GetGeoTransform();
        long area = 0;
        java.util.List<java.nio.file.Path> tiles;
        try (var files = java.nio.file.Files.list(dir)) {
            tiles = files.filter(f -> f.toString().endsWith(".tif")).sorted().toList();
        }
        for (java.nio.file.Path t : tiles) {
            Dataset tile = gdal.Open(t.toString());
            try {
                double[] tgt = tile.GetGeoTransform();
                int xoff = (int) Math.round((tgt[0] - sgt[0]) / sgt[1]);
                int yoff = (int) Math.round((tgt[3] - sgt[3]) / sgt[5]);
                int w = tile.getRasterXSize();
                int h = tile.getRasterYSize();
                double[] expected = new double[w * h];
                source.GetRasterBand(1).ReadRaster(xoff, yoff, w, h, expected);
                String diff = difference(expected, pixels(tile, 1), w, 0);
                if (!diff.isEmpty()) {
                    return t.getFileName() + ": " + diff;
                }
                area += (long) w * h;
            } finally {
                tile.delete();
            }
        }
        long whole = (long) source.getRasterXSize() * source.getRasterYSize();
        return area == whole ? "" : "tiles cover " + area + " pixels of " + whole;
    }

    /**
     * Opens a mosaic VRT in the test JVM. The service's GDAL hardening (GDAL_SKIP) drops the VRT
     * driver when an in-process context registers drivers; register it back for the test's own read.
     */
    public static Dataset openVrt(java.nio.file.Path file) {
        if (gdal.GetDriverByName("VRT") == null) {
            String skip = gdal.GetConfigOption("GDAL_SKIP");
            gdal.SetConfigOption("GDAL_SKIP", skip == null ? null : skip.replaceAll("(^| )VRT( |$)", " ").trim());
            gdal.AllRegister();
            gdal.SetConfigOption("GDAL_SKIP", skip);
        }
        Dataset ds = gdal.Open(file.toString());
        if (ds == null) {
            throw new IllegalStateException("cannot open " + file + ": " + gdal.GetLastErrorMsg());
        }
        return ds;
    }
}
