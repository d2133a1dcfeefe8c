package org.geoetl.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gdal.ogr.DataSource;
import org.gdal.ogr.Feature;
import org.gdal.ogr.FieldDefn;
import org.gdal.ogr.Layer;
import org.gdal.ogr.ogr;
import org.gdal.osr.SpatialReference;

/** A GeoPackage of n points (layer points, field n = 0..n-1, EPSG:4326) written with GDAL. */
public final class PointsFixture {

    private PointsFixture() {
    }

    public static Path write(Path gpkg, int features) throws IOException {
        Files.createDirectories(gpkg.getParent());
        ogr.RegisterAll();
        DataSource ds = ogr.GetDriverByName("GPKG").CreateDataSource(gpkg.toString());
        SpatialReference srs = new SpatialReference();
        srs.ImportFromEPSG(4326);
        Layer layer = ds.CreateLayer("points", srs, ogr.wkbPoint);
        layer.CreateField(new FieldDefn("n", ogr.OFTInteger));
        layer.StartTransaction();
        for (int i = 0; i < features; i++) {
            Feature f = new Feature(layer.GetLayerDefn());
            f.SetField("n", i);
            f.SetGeometry(ogr.CreateGeometryFromWkt("POINT (" + (i % 360 - 180 + 0.5) + " " + (i % 170 - 85 + 0.5) + ")"));
            layer.CreateFeature(f);
            f.delete();
        }
        layer.CommitTransaction();
        ds.delete();
        return gpkg;
    }
}
