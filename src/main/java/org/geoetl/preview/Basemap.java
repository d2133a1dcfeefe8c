package org.geoetl.preview;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Vector;
import org.gdal.ogr.Geometry;
import org.geoetl.api.ApiException;
import org.geoetl.curated.CuratedProperties;
import org.geoetl.gdal.GdalRuntime;
import org.geoetl.gdal.OgrSource;
import org.geoetl.gdal.VectorFormat;
import org.springframework.stereotype.Component;

/**
 * The offline basemap: Natural Earth's countries (the GeoPackage make setup installs,
 * {@code geoetl.curated.natural-earth-file}, layer {@code countries}) simplified to about 5 km,
 * islands under ~500 km² left out (a country keeps at least its largest part), 2 decimals; read
 * once through GDAL and kept as GeoJSON text. No tile server is ever contacted.
 */
@Component
class Basemap {

    /** Douglas-Peucker tolerance in degrees, topology kept (rings do not cross). */
    static final double TOLERANCE = 0.05;
    /** Parts smaller than this (square degrees) are dropped, unless a country has nothing larger. */
    static final double MIN_PART_AREA = 0.05;

    private final GdalRuntime gdal;
    private final Path file;
    private final ObjectMapper mapper;
    private volatile String geojson;

    Basemap(GdalRuntime gdal, CuratedProperties curated, ObjectMapper mapper) {
        this.gdal = gdal;
        this.file = Path.of(curated.naturalEarthFile());
        this.mapper = mapper;
    }

    String countries() {
        String cached = geojson;
        if (cached == null) {
            synchronized (this) {
                if (geojson == null) {
                    geojson = read();
                }
                cached = geojson;
            }
        }
        return cached;
    }

    private String read() {
        if (!Files.isRegularFile(file)) {
            throw new ApiException(503, "the basemap is not installed (geoetl.curated.natural-earth-file); run make setup");
        }
        ObjectNode collection = mapper.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        Vector<String> precision = new Vector<>(List.of("COORDINATE_PRECISION=2"));
        try (OgrSource source = OgrSource.open(gdal, file, VectorFormat.GEOPACKAGE, "countries", List.of())) {
            source.read(0, source.featureCount(), (index, f) -> {
                Geometry g = f.GetGeometryRef();
                if (g == null) {
                    return;
                }
                Geometry simple = simplify(g);
                try {
                    ObjectNode feature = features.addObject().put("type", "Feature");
                    feature.putObject("properties").put("name", f.GetFieldAsString("NAME"))
                            .put("iso_a2", f.GetFieldAsString("iso_a2"));
                    feature.set("geometry", mapper.readTree(simple.ExportToJson(precision)));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("GDAL wrote unreadable GeoJSON for country " + index, e);
                } finally {
                    simple.delete();
                }
            });
        }
        return collection.toString();
    }

    /** The geometry simplified, small islands out; the caller deletes the result. */
    static Geometry simplify(Geometry g) {
        if (g.GetGeometryCount() < 2 || !g.GetGeometryName().equals("MULTIPOLYGON")) {
            return g.SimplifyPreserveTopology(TOLERANCE);
        }
        int largest = 0;
        for (int i = 1; i < g.GetGeometryCount(); i++) {
            if (g.GetGeometryRef(i).GetArea() > g.GetGeometryRef(largest).GetArea()) {
                largest = i;
            }
        }
        Geometry out = new Geometry(org.gdal.ogr.ogrConstants.wkbMultiPolygon);
        for (int i = 0; i < g.GetGeometryCount(); i++) {
            Geometry part = g.GetGeometryRef(i);
            if (i == largest || part.GetArea() >= MIN_PART_AREA) {
                Geometry simple = part.SimplifyPreserveTopology(TOLERANCE);
                out.AddGeometry(simple);
                simple.delete();
            }
        }
        return out;
    }
}
