package org.geoetl.gdal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconst;
import org.gdal.ogr.Feature;
import org.gdal.ogr.FeatureDefn;
import org.gdal.ogr.FieldDefn;
import org.gdal.ogr.Layer;
import org.gdal.ogr.ogr;
import org.gdal.osr.SpatialReference;
import org.gdal.osr.osr;

/**
 * One layer of a vector file, opened through OGR with exactly one allowed driver and hardened open
 * options (no schema downloads). Owns the native handles; {@link #close()} releases them.
 */
public final class OgrSource implements AutoCloseable {

    /** A source field: its name and OGR type name (Integer, Integer64, Real, String, Date, DateTime …). */
    public record Field(String name, String type) {
    }

    /** What a reader gets per feature: OGR's FID, the native geometry (may be null), and the feature itself. */
    public interface FeatureVisitor {
        void visit(long index, Feature feature);
    }

    private final Dataset dataset;
    private final Layer layer;
    private final VectorFormat format;

    private OgrSource(Dataset dataset, Layer layer, VectorFormat format) {
        this.dataset = dataset;
        this.layer = layer;
        this.format = format;
    }

    public static OgrSource open(GdalRuntime runtime, Path file, VectorFormat format, String layerName,
                                 List<String> openOptions) {
        if (!runtime.available()) {
            throw new GdalException("GDAL is not available: " + runtime.status().get("error"));
        }
        Vector<String> options = new Vector<>(openOptions);
        if (format == VectorFormat.GML) {
            options.add("DOWNLOAD_SCHEMA=NO");
        }
        Dataset ds = gdal.OpenEx(file.toString(), gdalconst.OF_VECTOR | gdalconst.OF_READONLY,
                new Vector<>(List.of(format.driver())), options);
        if (ds == null) {
            throw new GdalException("GDAL could not open " + file.getFileName() + " as " + format.driver() + ": "
                    + gdal.GetLastErrorMsg());
        }
        Layer layer = layerName == null || layerName.isBlank() ? ds.GetLayerCount() > 0 ? ds.GetLayer(0) : null
                : ds.GetLayerByName(layerName);
        if (layer == null) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < ds.GetLayerCount(); i++) {
                names.add(ds.GetLayer(i).GetName());
            }
            ds.delete();
            throw new GdalException(layerName == null ? file.getFileName() + " has no layer"
                    : "layer '" + layerName + "' not found; layers: " + names);
        }
        return new OgrSource(ds, layer, format);
    }

    public String layerName() {
        return layer.GetName();
    }

    public VectorFormat format() {
        return format;
    }

    /** Whether the driver can jump to feature n without reading the ones before (for parallel chunks). */
    public boolean fastRandomAccess() {
        return layer.TestCapability(ogr.OLCFastSetNextByIndex);
    }

    public long featureCount() {
        return layer.GetFeatureCount(1);
    }

    public List<Field> fields() {
        FeatureDefn defn = layer.GetLayerDefn();
        List<Field> out = new ArrayList<>();
        for (int i = 0; i < defn.GetFieldCount(); i++) {
            FieldDefn f = defn.GetFieldDefn(i);
            out.add(new Field(f.GetName(), f.GetFieldTypeName(f.GetFieldType())));
        }
        return out;
    }

    /** The layer's CRS as "EPSG:n" when it has an EPSG code, its WKT otherwise, null when it has none. */
    public String crs() {
        SpatialReference srs = layer.GetSpatialRef();
        if (srs == null) {
            return null;
        }
        SpatialReference copy = srs.Clone();
        try {
            copy.AutoIdentifyEPSG();
            String code = copy.GetAuthorityCode(null);
            String name = copy.GetAuthorityName(null);
            return code != null && "EPSG".equalsIgnoreCase(name) ? "EPSG:" + code : copy.ExportToWkt();
        } catch (RuntimeException e) {
            return srs.ExportToWkt();
        } finally {
            copy.delete();
        }
    }

    /**
     * The range of feature ids, when the driver filters by FID in its own query engine (GeoPackage):
     * chunks can then be FID ranges read in parallel. Null otherwise.
     */
    public long[] fidRange() {
        if (format != VectorFormat.GEOPACKAGE) {
            return null;
        }
        Layer result = dataset.ExecuteSQL("SELECT MIN(fid), MAX(fid) FROM \"" + layer.GetName().replace("\"", "\"\"") + "\"");
        if (result == null) {
            return null;
        }
        try {
            Feature f = result.GetNextFeature();
            long[] range = f == null || !f.IsFieldSetAndNotNull(0) ? null
                    : new long[] {f.GetFieldAsInteger64(0), f.GetFieldAsInteger64(1)};
            if (f != null) {
                f.delete();
            }
            return range;
        } finally {
            dataset.ReleaseResultSet(result);
        }
    }

    /** Visits the features whose FID is in [from, to), passing each one's FID. */
    public void readFids(long from, long to, FeatureVisitor visitor) {
        layer.SetAttributeFilter("FID >= " + from + " AND FID < " + to);
        layer.ResetReading();
        try {
            for (Feature f = layer.GetNextFeature(); f != null; f = layer.GetNextFeature()) {
                try {
                    visitor.visit(f.GetFID(), f);
                } finally {
                    f.delete();
                }
            }
        } finally {
            layer.SetAttributeFilter(null);
        }
    }

    /** Visits features {@code offset … offset+count-1} in the layer's reading order. */
    public void read(long offset, long count, FeatureVisitor visitor) {
        layer.ResetReading();
        if (offset > 0 && layer.SetNextByIndex(offset) != ogr.OGRERR_NONE) {
            // drivers without random access: skip forward
            for (long i = 0; i < offset; i++) {
                Feature skipped = layer.GetNextFeature();
                if (skipped == null) {
                    return;
                }
                skipped.delete();
            }
        }
        for (long i = 0; i < count; i++) {
            Feature f = layer.GetNextFeature();
            if (f == null) {
                return;
            }
            try {
                visitor.visit(offset + i, f);
            } finally {
                f.delete();
            }
        }
    }

    /** A transformation from {@code sourceCrs} to WGS84 longitude/latitude, or null when none is needed. */
    public static org.gdal.osr.CoordinateTransformation toWgs84(String sourceCrs) {
        // never SetFromUserInput: it accepts URLs and file names (network and local-file access)
        SpatialReference source = new SpatialReference();
        java.util.regex.Matcher epsg = java.util.regex.Pattern.compile("^EPSG:(\\d{4,6})$").matcher(sourceCrs);
        int err = epsg.matches() ? source.ImportFromEPSG(Integer.parseInt(epsg.group(1))) : source.ImportFromWkt(sourceCrs);
        if (err != 0) {
            throw new GdalException("source CRS '" + sourceCrs + "' is not understood");
        }
        source.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER);
        SpatialReference wgs84 = new SpatialReference();
        wgs84.ImportFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER);
        if (source.IsSame(wgs84) == 1) {
            return null;
        }
        return org.gdal.osr.CoordinateTransformation.CreateCoordinateTransformation(source, wgs84);
    }

    @Override
    public void close() {
        dataset.delete();
    }
}
