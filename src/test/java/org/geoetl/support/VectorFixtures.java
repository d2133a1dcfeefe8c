package org.geoetl.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gdal.ogr.DataSource;
import org.gdal.ogr.Feature;
import org.gdal.ogr.FieldDefn;
import org.gdal.ogr.Layer;
import org.gdal.ogr.ogr;
import org.gdal.osr.SpatialReference;

/** Vector files written by OGR itself (the same GDAL the service reads them with). */
public final class VectorFixtures {

    /** One feature: WKT (null for no geometry) and its attribute values by field name. */
    public record Row(String wkt, Map<String, Object> values) {
    }

    private VectorFixtures() {
    }

    /**
     * Writes {@code rows} as layer {@code layer} with {@code driver} to {@code file}; {@code epsg}
     * null writes no CRS. Fields are strings unless the value is an Integer.
     */
    public static Path write(Path file, String driver, String layer, Integer epsg, List<String> fields, List<Row> rows,
                             String... options) throws Exception {
        ogr.RegisterAll();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        DataSource ds = ogr.GetDriverByName(driver).CreateDataSource(file.toString());
        if (ds == null) {
            throw new IllegalStateException("OGR could not create " + file);
        }
        SpatialReference srs = null;
        if (epsg != null) {
            srs = new SpatialReference();
            srs.ImportFromEPSG(epsg);
        }
        Layer l = ds.CreateLayer(layer, srs, ogr.wkbUnknown, new java.util.Vector<>(List.of(options)));
        for (String f : fields) {
            boolean integer = rows.stream().anyMatch(r -> r.values().get(f) instanceof Integer);
            l.CreateField(new FieldDefn(f, integer ? ogr.OFTInteger : ogr.OFTString));
        }
        for (Row r : rows) {
            Feature feature = new Feature(l.GetLayerDefn());
            r.values().forEach((k, v) -> {
                if (v instanceof Integer i) {
                    feature.SetField(k, i);
                } else if (v != null) {
                    feature.SetField(k, v.toString());
                }
            });
            if (r.wkt() != null) {
                feature.SetGeometry(ogr.CreateGeometryFromWkt(r.wkt()));
            }
            l.CreateFeature(feature);
            feature.delete();
        }
        ds.delete();
        if (srs != null) {
            srs.delete();
        }
        return file;
    }
}
