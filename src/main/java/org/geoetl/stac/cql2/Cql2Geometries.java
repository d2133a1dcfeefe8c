package org.geoetl.stac.cql2;

import com.fasterxml.jackson.databind.JsonNode;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Geometry literals, checked here (JTS) so an unreadable one is a 400 with its reason rather than
 * a database error; handed to PostGIS as WKT.
 */
final class Cql2Geometries {

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private Cql2Geometries() {
    }

    static Cql2.Geometry geojson(JsonNode v, String at) {
        org.locationtech.jts.geom.Geometry g;
        try {
            g = read(v, 0);
        } catch (RuntimeException e) {
            throw new Cql2Exception(at + ": not a readable GeoJSON geometry");
        }
        return of(g, at);
    }

    private static org.locationtech.jts.geom.Geometry read(JsonNode g, int depth) {
        JsonNode c = g.path("coordinates");
        return switch (g.path("type").asText()) {
            case "Point" -> FACTORY.createPoint(coordinate(c));
            case "MultiPoint" -> FACTORY.createMultiPointFromCoords(coordinates(c));
            case "LineString" -> FACTORY.createLineString(coordinates(c));
            case "MultiLineString" -> FACTORY.createMultiLineString(java.util.stream.StreamSupport
                    .stream(c.spliterator(), false).map(l -> FACTORY.createLineString(coordinates(l)))
                    .toArray(org.locationtech.jts.geom.LineString[]::new));
            case "Polygon" -> polygon(c);
            case "MultiPolygon" -> FACTORY.createMultiPolygon(java.util.stream.StreamSupport
                    .stream(c.spliterator(), false).map(Cql2Geometries::polygon).toArray(Polygon[]::new));
            case "GeometryCollection" -> {
                if (depth > 5) {
                    throw new IllegalArgumentException("nested too deep");
                }
                yield FACTORY.createGeometryCollection(java.util.stream.StreamSupport
                        .stream(g.path("geometries").spliterator(), false).map(x -> read(x, depth + 1))
                        .toArray(org.locationtech.jts.geom.Geometry[]::new));
            }
            default -> throw new IllegalArgumentException("unknown geometry type");
        };
    }

    private static Polygon polygon(JsonNode rings) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new IllegalArgumentException("a polygon has rings");
        }
        LinearRing shell = FACTORY.createLinearRing(coordinates(rings.get(0)));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = FACTORY.createLinearRing(coordinates(rings.get(i)));
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static Coordinate[] coordinates(JsonNode list) {
        if (!list.isArray() || list.size() > 100_000) {
            throw new IllegalArgumentException("coordinates");
        }
        Coordinate[] out = new Coordinate[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = coordinate(list.get(i));
        }
        return out;
    }

    private static Coordinate coordinate(JsonNode p) {
        if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new IllegalArgumentException("a position is [x, y]");
        }
        return new Coordinate(p.get(0).asDouble(), p.get(1).asDouble());
    }

    static Cql2.Geometry wkt(String text, String at) {
        org.locationtech.jts.geom.Geometry g;
        try {
            g = new WKTReader(FACTORY).read(text);
        } catch (ParseException | RuntimeException e) {
            throw new Cql2Exception(at + ": not a readable WKT geometry (" + Cql2Json.abbreviate(text) + ")");
        }
        return of(g, at);
    }

    static Cql2.Geometry bbox(JsonNode box, String at) {
        if (!box.isArray() || (box.size() != 4 && box.size() != 6)) {
            throw new Cql2Exception(at + ": a bbox has 4 (or 6) numbers");
        }
        int half = box.size() / 2;
        double[] v = new double[box.size()];
        for (int i = 0; i < v.length; i++) {
            if (!box.get(i).isNumber()) {
                throw new Cql2Exception(at + ": a bbox has numbers only");
            }
            v[i] = box.get(i).asDouble();
        }
        return bbox(v[0], v[1], v[half], v[half + 1], at);
    }

    static Cql2.Geometry bbox(double minx, double miny, double maxx, double maxy, String at) {
        if (minx > maxx || miny > maxy) {
            throw new Cql2Exception(at + ": bbox minimums must not exceed maximums");
        }
        return of(FACTORY.toGeometry(new Envelope(minx, maxx, miny, maxy)), at);
    }

    private static Cql2.Geometry of(org.locationtech.jts.geom.Geometry g, String at) {
        if (g.isEmpty()) {
            throw new Cql2Exception(at + ": the geometry is empty");
        }
        Envelope e = g.getEnvelopeInternal();
        if (e.getMinX() < -180 || e.getMaxX() > 180 || e.getMinY() < -90 || e.getMaxY() > 90) {
            throw new Cql2Exception(at + ": coordinates must be longitude, latitude in degrees (CRS84)");
        }
        return new Cql2.Geometry(new WKTWriter().write(g));
    }
}
