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
}
