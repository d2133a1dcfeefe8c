package org.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The parsing of search inputs that come from clients (bbox, datetime, intersects, a body's
 * limit): anything malformed or non-finite is a {@link StacSearchException} (400) naming it.
 */
final class StacSearchInputs {

    private StacSearchInputs() {
    }

    static double[] bbox(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.replaceAll("[\\[\\]\\s]", "").split(",");
        try {
            double[] v = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Double.parseDouble(parts[i]);
            }
            for (double d : v) {
                if (!Double.isFinite(d)) {
                    throw new StacSearchException("bbox '" + text + "' holds a value that is not a finite number");
                }
            }
            double[] box = switch (v.length) {
                case 4 -> v;
                case 6 -> new double[] {v[0], v[1], v[3], v[4]};
                default -> throw new StacSearchException("bbox needs 4 (or 6) numbers, got " + v.length);
            };
            if (box[1] > box[3] || box[1] < -90 || box[3] > 90 || box[0] < -180 || box[2] > 180) {
                throw new StacSearchException("bbox " + text + " is not minx,miny,maxx,maxy in WGS84 degrees");
            }
            return box;
        } catch (NumberFormatException e) {
            throw new StacSearchException("bbox '" + text + "' is not a list of numbers");
        }
    }

    static OffsetDateTime[] interval(String text) {
        if (text == null || text.isBlank()) {
            return new OffsetDateTime[2];
        }
        String[] parts = text.split("/", -1);
        try {
            if (parts.length == 1) {
                OffsetDateTime at = OffsetDateTime.parse(parts[0]);
                return new OffsetDateTime[] {at, at};
            }
            if (parts.length == 2) {
                OffsetDateTime a = open(parts[0]) ? null : OffsetDateTime.parse(parts[0]);
                OffsetDateTime b = open(parts[1]) ? null : OffsetDateTime.parse(parts[1]);
                if (a == null && b == null) {
                    throw new StacSearchException("datetime interval '" + text + "' is open at both ends");
                }
                if (a != null && b != null && a.isAfter(b)) {
                    throw new StacSearchException("datetime interval '" + text + "' ends before it starts");
                }
                return new OffsetDateTime[] {a, b};
            }
        } catch (DateTimeParseException e) {
            throw new StacSearchException("datetime '" + text + "' is not an RFC 3339 date-time or interval");
        }
        throw new StacSearchException("datetime '" + text + "' is not an RFC 3339 date-time or interval");
    }

    static boolean open(String s) {
        return s.isEmpty() || s.equals("..");
    }

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** intersects must be a GeoJSON geometry object; anything else would reach PostGIS as SQL input. */
    static void checkGeometry(String intersects) {
        if (intersects == null) {
            return;
        }
        JsonNode g;
        try {
            g = JSON.readTree(intersects);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StacSearchException("intersects is not JSON: give a GeoJSON geometry");
        }
        java.util.Set<String> types = java.util.Set.of("Point", "MultiPoint", "LineString", "MultiLineString",
                "Polygon", "MultiPolygon", "GeometryCollection");
        if (g == null || !g.isObject() || !types.contains(g.path("type").asText())
                || !(g.path("coordinates").isArray() || g.path("geometries").isArray())) {
            throw new StacSearchException("intersects must be a GeoJSON geometry (type and coordinates)");
        }
    }

    static Integer bodyLimit(JsonNode body) {
        if (!body.has("limit")) {
            return null;
        }
        JsonNode l = body.get("limit");
        if (!l.isIntegralNumber() || !l.canConvertToInt()) {
            throw new StacSearchException("limit must be an integer between 1 and " + StacSearch.MAX_LIMIT);
        }
        return l.intValue();
    }
}
