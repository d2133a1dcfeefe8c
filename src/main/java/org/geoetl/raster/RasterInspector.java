package org.geoetl.raster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Vector;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconst;
import org.gdal.osr.SpatialReference;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.gdal.GdalException;
import org.geoetl.gdal.GdalRuntime;

/**
 * Validates a raster from its header before any pixel is read — the driver allow-list (GeoTIFF
 * only), the pixel budget, the CRS rules, bounds — then reads one sample window to infer its type.
 */
public final class RasterInspector {

    private RasterInspector() {
    }

    public static Map<String, Object> inspect(GdalRuntime runtime, Path file, String name, long maxPixels,
                                              String inputCrs, String declaredType) {
        runtime.require();
        Dataset ds = gdal.OpenEx(file.toString(), gdalconst.OF_RASTER | gdalconst.OF_READONLY,
                new Vector<>(List.of("GTiff")), null);
        if (ds == null) {
            throw new GdalException(name + " is not a readable GeoTIFF: "
                    + gdal.GetLastErrorMsg().replace(file.toString(), name));
        }
        try {
            int w = ds.getRasterXSize();
            int h = ds.getRasterYSize();
            int bands = ds.getRasterCount();
            long pixels = (long) w * h * Math.max(bands, 1);
            if (bands == 0 || pixels > maxPixels) {
                throw new PermanentTaskException(name + " declares " + w + " × " + h + " × " + bands + " = " + pixels
                        + " pixels; the budget is " + maxPixels + " (geoetl.raster.max-pixels)");
            }
            String crs = crs(ds.GetProjectionRef());
            if (crs != null && inputCrs != null && crs.startsWith("EPSG:") && !crs.equals(inputCrs)) {
                throw new PermanentTaskException(name + " says its CRS is " + crs + " but input_crs is " + inputCrs);
            }
            if (crs == null && inputCrs == null) {
                throw new PermanentTaskException(name + " has no CRS; pass input_crs, e.g. \"EPSG:32633\"");
            }
            String effectiveCrs = crs != null ? crs : inputCrs;
            double[] gt = ds.GetGeoTransform();
            double[] bbox = {gt[0], gt[3] + h * gt[5], gt[0] + w * gt[1], gt[3]};
            if ("EPSG:4326".equals(effectiveCrs) && (bbox[0] < -180.5 || bbox[2] > 180.5 || bbox[1] < -90.5 || bbox[3] > 90.5)) {
                throw new PermanentTaskException(name + " is in EPSG:4326 but its bounds " + java.util.Arrays.toString(bbox)
                        + " leave the globe: the geotransform or CRS is wrong");
            }
            Band first = ds.GetRasterBand(1);
            String dtype = gdal.GetDataTypeName(first.getDataType());
            List<String> interp = new ArrayList<>();
            for (int b = 1; b <= bands; b++) {
                interp.add(gdal.GetColorInterpretationName(ds.GetRasterBand(b).GetColorInterpretation()));
            }
            Double[] nd = new Double[1];
            first.GetNoDataValue(nd);
            RasterType.Facts facts;
            try {
                facts = sample(first, w, h, dtype, bands, interp, nd[0]);
            } catch (RuntimeException e) {
                // GDAL names the file by its scratch path: name it as the user knows it
                throw new GdalException(String.valueOf(e.getMessage()).replace(file.toString(), name));
            }
            RasterType inferred = RasterType.infer(facts);
            if (declaredType != null && !"auto".equals(declaredType) && !declaredType.equals(inferred.type())) {
                throw new PermanentTaskException("raster_type says " + declaredType + " but the data looks like "
                        + inferred.type() + " (" + String.join("; ", inferred.evidence()) + ")");
            }
            List<String> warnings = new ArrayList<>();
            if (dtype.endsWith("64")) {
                warnings.add("64-bit " + dtype + ": consider " + (dtype.startsWith("Float") ? "Float32" : "Int32"));
            }
            if (dtype.startsWith("Float") && facts.sampleIntegral()) {
                warnings.add("floating-point band holding whole numbers: an integer type would be smaller");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("width", w);
            out.put("height", h);
            out.put("bands", bands);
            out.put("dtype", dtype);
            out.put("nodata", nd[0]);
            out.put("crs", effectiveCrs);
            out.put("crs_from", crs != null ? "file" : "input_crs");
            out.put("transform", java.util.Arrays.stream(gt).boxed().toList());
            out.put("bbox", java.util.Arrays.stream(bbox).boxed().toList());
            out.put("raster_type", declaredType == null || "auto".equals(declaredType) ? inferred.type() : declaredType);
            out.put("confidence", inferred.confidence());
            out.put("evidence", inferred.evidence());
            out.put("warnings", warnings);
            return out;
        } finally {
            ds.delete();
        }
    }

    private static RasterType.Facts sample(Band band, int w, int h, String dtype, int bands, List<String> interp,
                                           Double nodata) {
        // A central window of at most 1024 × 1024 pixels, read at 256 × 256: cheap on a huge raster
        // (a decimated read of the whole image would touch every block).
        int ww = Math.min(w, 1024);
        int wh = Math.min(h, 1024);
        int sw = Math.min(ww, 256);
        int sh = Math.min(wh, 256);
        double[] values = new double[sw * sh];
        if (band.ReadRaster((w - ww) / 2, (h - wh) / 2, ww, wh, sw, sh, gdalconst.GDT_Float64, values)
                != gdalconst.CE_None) {
            throw new GdalException("cannot read pixels: " + gdal.GetLastErrorMsg() + " (truncated file?)");
        }
        Set<Double> distinct = new HashSet<>();
        boolean integral = true;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (nodata != null && v == nodata || Double.isNaN(v)) {
                continue;
            }
            if (distinct.size() <= 256) {
                distinct.add(v);
            }
            integral &= v == Math.rint(v);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new RasterType.Facts(bands, dtype, interp, band.GetColorTable() != null,
                distinct.size() > 256 ? null : distinct.size(), integral, min, max);
    }

    static String crs(String wkt) {
        if (wkt == null || wkt.isBlank()) {
            return null;
        }
        SpatialReference srs = new SpatialReference(wkt);
        try {
            srs.AutoIdentifyEPSG();
            String code = srs.GetAuthorityCode(null);
            return code != null && "EPSG".equalsIgnoreCase(srs.GetAuthorityName(null)) ? "EPSG:" + code : wkt;
        } catch (RuntimeException e) {
            return wkt;
        } finally {
            srs.delete();
        }
    }
}
