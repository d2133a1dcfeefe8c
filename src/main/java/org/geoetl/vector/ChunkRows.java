package org.geoetl.vector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gdal.ogr.Feature;
import org.gdal.ogr.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * The COPY text of one chunk, per staging table, and its accounting: every feature read ends as
 * loaded, repaired (loaded, with what was done) or rejected (with why) — and the counts say so.
 */
final class ChunkRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int chunk;
    private final Map<GeometryRepair.Family, StringBuilder> loaded = new EnumMap<>(GeometryRepair.Family.class);
    private final StringBuilder report = new StringBuilder();
    private final Map<String, Long> repairs = new TreeMap<>();
    private final Map<String, Long> rejections = new TreeMap<>();
    private final Map<String, Long> fixes = new TreeMap<>();
    private final Map<String, Long> families = new TreeMap<>();
    private long read;
    private long buffered;
    private long repaired;
    private long rejected;

    ChunkRows(int chunk) {
        this.chunk = chunk;
        for (GeometryRepair.Family f : GeometryRepair.Family.values()) {
            loaded.put(f, new StringBuilder());
        }
    }

    int chunk() {
        return chunk;
    }

    void add(long fid, Feature feature, List<ColumnNames.Column> columns, GeometryRepair.Outcome outcome, WKBWriter wkb) {
        read++;
        buffered++;
        if (outcome.rejected()) {
            rejected++;
            rejections.merge(outcome.rejection(), 1L, Long::sum);
            reportRow(fid, "rejected", List.of(outcome.rejection()), sourceWkt(feature), attributesJson(feature, columns));
            return;
        }
        StringBuilder rows = loaded.get(outcome.family());
        StringBuilder row = new StringBuilder();
        CopyText.append(row, Long.toString(fid));
        for (ColumnNames.Column c : columns) {
            CopyText.append(row, value(feature, c));
        }
        CopyText.append(row, WKBWriter.toHex(wkb.write(outcome.geometry())));
        CopyText.append(row, Integer.toString(chunk));
        rows.append(row).append('\n');
        families.merge(VectorTables.family(outcome.family()), 1L, Long::sum);
        if (!outcome.repairs().isEmpty()) {
            repaired++;
            outcome.repairs().forEach(r -> repairs.merge(r, 1L, Long::sum));
            reportRow(fid, "repaired", List.copyOf(outcome.repairs()), null, null);
        }
    }

    private String value(Feature f, ColumnNames.Column column) {
        int i = f.GetFieldIndex(column.source());
        if (i < 0 || !f.IsFieldSetAndNotNull(i)) {
            return null;
        }
        String type = column.ogrType();
        switch (type) {
            case "Integer", "Integer64":
                return Long.toString(f.GetFieldAsInteger64(i));
            case "Real":
                return Double.toString(f.GetFieldAsDouble(i));
            case "Date", "DateTime":
                int[] y = new int[1], mo = new int[1], d = new int[1], h = new int[1], mi = new int[1], tz = new int[1];
                float[] sec = new float[1];
                f.GetFieldAsDateTime(i, y, mo, d, h, mi, sec, tz);
                if (y[0] < 1 || y[0] > 9999) {
                    fixes.merge("dates_out_of_range_nulled", 1L, Long::sum);
                    return null;
                }
                if (type.equals("Date")) {
                    return String.format("%04d-%02d-%02d", y[0], mo[0], d[0]);
                }
                String zone = tz[0] > 100 ? offset((tz[0] - 100) * 15) : "+00:00"; // unknown or local: taken as UTC
                return String.format(java.util.Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%06.3f%s", y[0], mo[0], d[0], h[0], mi[0],
                        sec[0], zone);
            default:
                String s = f.GetFieldAsString(i);
                if (s.indexOf('\0') >= 0) {
                    fixes.merge("nul_characters_removed", 1L, Long::sum);
                }
                return s;
        }
    }

    private static String offset(int minutes) {
        return String.format("%s%02d:%02d", minutes < 0 ? "-" : "+", Math.abs(minutes) / 60, Math.abs(minutes) % 60);
    }

    private void reportRow(long fid, String outcome, List<String> details, String wkt, String attributes) {
        StringBuilder row = new StringBuilder();
        CopyText.append(row, Long.toString(fid));
        CopyText.append(row, outcome);
        StringBuilder array = new StringBuilder("{");
        for (int k = 0; k < details.size(); k++) {
            array.append(k == 0 ? "" : ",").append('"')
                    .append(details.get(k).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        CopyText.append(row, array.append('}').toString());
        CopyText.append(row, wkt);
        CopyText.append(row, attributes);
        CopyText.append(row, Integer.toString(chunk));
        report.append(row).append('\n');
    }

    private static String sourceWkt(Feature feature) {
        Geometry g = feature.GetGeometryRef();
        if (g == null) {
            return null;
        }
        String wkt = g.ExportToWkt();
        return wkt != null && wkt.length() > 10_000 ? wkt.substring(0, 10_000) + "…" : wkt;
    }

    private String attributesJson(Feature f, List<ColumnNames.Column> columns) {
        ObjectNode o = JSON.createObjectNode();
        for (ColumnNames.Column c : columns) {
            o.put(c.source(), value(f, c));
        }
        return o.toString();
    }

    /** Rows buffered since the last {@link #clearData()}. */
    long buffered() {
        return buffered;
    }

    /** Drops the buffered COPY text once it was written; the counts stay. */
    void clearData() {
        loaded.values().forEach(b -> b.setLength(0));
        report.setLength(0);
        buffered = 0;
    }

    String data(String part) {
        return switch (part) {
            case "points" -> loaded.get(GeometryRepair.Family.POINT).toString();
            case "lines" -> loaded.get(GeometryRepair.Family.LINE).toString();
            case "polygons" -> loaded.get(GeometryRepair.Family.POLYGON).toString();
            default -> report.toString();
        };
    }

    Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("chunk", chunk);
        s.put("features_read", read);
        s.put("features_loaded", read - rejected);
        s.put("features_repaired", repaired);
        s.put("features_rejected", rejected);
        s.put("repairs", repairs);
        s.put("rejections", rejections);
        s.put("attribute_fixes", fixes);
        s.put("loaded_by_family", families);
        return s;
    }
}
