package org.geoetl.vector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.geom.util.GeometryEditor;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * The repairs every feature goes through, in order, after it was read (and, when needed, forced
 * to 2D, ring-closed and reprojected to EPSG:4326 by OGR): empty geometries rejected, repeated
 * vertices removed, invalid geometries made valid (keeping the feature's own dimension),
 * geometries crossing the antimeridian split at ±180°, promotion to Multi*, exterior rings
 * counter-clockwise and holes clockwise. Each repair done is named in the result; a feature that
 * cannot be repaired is rejected with the reason. Pure geometry code: no GDAL, no database.
 */
public final class GeometryRepair {

    /** Point, line or polygon: what one output table holds. */
    public enum Family { POINT, LINE, POLYGON }

    /** The repaired geometry (null when rejected), its family, what was done, or why it was rejected. */
    public record Outcome(Geometry geometry, Family family, Set<String> repairs, String rejection) {
        public boolean rejected() {
            return rejection != null;
        }
    }

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private GeometryRepair() {
    }

    public static Outcome repair(Geometry input, Set<String> earlierRepairs) {
        Set<String> repairs = new LinkedHashSet<>(earlierRepairs);
        if (input == null) {
            return new Outcome(null, null, repairs, "null geometry");
        }
        if (input.isEmpty()) {
            return new Outcome(null, null, repairs, "empty geometry");
        }
        Family family = family(input);
        if (family == null) {
            return new Outcome(null, null, repairs, "unsupported geometry type " + input.getGeometryType()
                    + " (points, lines and polygons only; a GeometryCollection must be split at the source)");
        }
        Geometry g = WGS84.createGeometry(input);
        try {
            Geometry deduped = removeRepeatedPoints(g);
            if (deduped.getNumPoints() < g.getNumPoints()) {
                repairs.add("repeated_vertices_removed");
            }
            g = deduped;
        } catch (IllegalArgumentException e) {
            // a ring or line that collapses once its repeated vertices go: let make-valid decide
            repairs.add("repeated_vertices_removed");
        }
        if (!g.isValid()) {
            g = keep(GeometryFixer.fix(g), family);
            repairs.add("made_valid");
            if (g.isEmpty()) {
                return new Outcome(null, family, repairs, "invalid geometry with nothing left after repair");
            }
        }
        Envelope env = g.getEnvelopeInternal();
        if (env.getMaxX() > 180 || env.getMinX() < -180) {
            g = keep(splitAtAntimeridian(g), family);
            repairs.add("antimeridian_split");
        } else if (env.getWidth() > 180 && g.getNumGeometries() == 1 && family != Family.POINT) {
            // one part spanning more than half the globe: drawn across the antimeridian the short way
            g = keep(splitAtAntimeridian(shiftNegativeLongitudes(g)), family);
            repairs.add("antimeridian_split");
        }
        if (family == Family.POLYGON && fixWinding(g) > 0) {
            g = orientPolygons(g);
            repairs.add("winding_order_fixed");
        }
        g = promote(g, family);
        if (!g.isValid()) {
            return new Outcome(null, family, repairs, "geometry still invalid after repair");
        }
        if (g.getEnvelopeInternal().getMinY() < -90 || g.getEnvelopeInternal().getMaxY() > 90) {
            return new Outcome(null, family, repairs, "latitude outside -90..90 after reprojection");
        }
        return new Outcome(g, family, repairs, null);
    }

    static Family family(Geometry g) {
        if (g instanceof Point || g instanceof MultiPoint) {
            return Family.POINT;
        }
        if (g instanceof LineString || g instanceof MultiLineString) {
            return Family.LINE;
        }
        if (g instanceof Polygon || g instanceof MultiPolygon) {
            return Family.POLYGON;
        }
        return null;
    }

    private static Geometry removeRepeatedPoints(Geometry g) {
        return new GeometryEditor(WGS84).edit(g, new GeometryEditor.CoordinateOperation() {
            @Override
            public Coordinate[] edit(Coordinate[] coordinates, Geometry geometry) {
                return CoordinateArrays.removeRepeatedPoints(coordinates);
            }
        });
    }

    /** Keeps only the parts of the feature's own dimension (make-valid can add points or lines to a polygon). */
    private static Geometry keep(Geometry g, Family family) {
        List<Geometry> parts = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part.getNumGeometries() > 1) {
                Geometry inner = keep(part, family);
                for (int j = 0; j < inner.getNumGeometries(); j++) {
                    parts.add(inner.getGeometryN(j));
                }
            } else if (!part.isEmpty() && family(part) == family) {
                parts.add(part);
            }
        }
        return WGS84.buildGeometry(parts);
    }

    private static Geometry splitAtAntimeridian(Geometry g) {
        List<Geometry> parts = new ArrayList<>();
        for (int shift = -1; shift <= 1; shift++) {
            Geometry window = WGS84.toGeometry(new Envelope(-180 + 360 * shift, 180 + 360 * shift, -90, 90));
            Geometry piece = g.intersection(window);
            if (!piece.isEmpty()) {
                parts.add(AffineTransformation.translationInstance(-360.0 * shift, 0).transform(piece));
            }
        }
        Geometry joined = WGS84.buildGeometry(parts);
        return joined.getNumGeometries() > 1 && family(g) == Family.POLYGON ? joined.union() : joined;
    }

    private static Geometry shiftNegativeLongitudes(Geometry g) {
        return new GeometryEditor(WGS84).edit(g, new GeometryEditor.CoordinateOperation() {
            @Override
            public Coordinate[] edit(Coordinate[] coordinates, Geometry geometry) {
                Coordinate[] out = new Coordinate[coordinates.length];
                for (int i = 0; i < coordinates.length; i++) {
                    Coordinate c = coordinates[i];
                    out[i] = new Coordinate(c.x < 0 ? c.x + 360 : c.x, c.y);
                }
                return out;
            }
        });
    }

    /** How many rings have the wrong orientation (exterior must be CCW, holes CW). */
    private static int fixWinding(Geometry g) {
        int wrong = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            if (!Orientation.isCCW(p.getExteriorRing().getCoordinates())) {
                wrong++;
            }
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                if (Orientation.isCCW(p.getInteriorRingN(h).getCoordinates())) {
                    wrong++;
                }
            }
        }
        return wrong;
    }

    private static Geometry orientPolygons(Geometry g) {
        Polygon[] polygons = new Polygon[g.getNumGeometries()];
        for (int i = 0; i < polygons.length; i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            LinearRing shell = oriented(p.getExteriorRing(), true);
            LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
            for (int h = 0; h < holes.length; h++) {
                holes[h] = oriented(p.getInteriorRingN(h), false);
            }
            polygons[i] = WGS84.createPolygon(shell, holes);
        }
        return polygons.length == 1 ? polygons[0] : WGS84.createMultiPolygon(polygons);
    }

    private static LinearRing oriented(LinearRing ring, boolean ccw) {
        return Orientation.isCCW(ring.getCoordinates()) == ccw ? ring : ring.reverse();
    }

    private static Geometry promote(Geometry g, Family family) {
        return switch (family) {
            case POINT -> g instanceof MultiPoint ? g : WGS84.createMultiPoint(new Point[] {(Point) g});
            case LINE -> g instanceof MultiLineString ? g : WGS84.createMultiLineString(new LineString[] {(LineString) g});
            case POLYGON -> g instanceof MultiPolygon ? g : WGS84.createMultiPolygon(new Polygon[] {(Polygon) g});
        };
    }
}
