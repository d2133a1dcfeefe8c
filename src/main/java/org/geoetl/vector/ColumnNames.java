package org.geoetl.vector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.gdal.OgrSource;

/**
 * Turns source field names into safe PostgreSQL column names: the user's column_mapping first,
 * then lower case, anything but a–z, 0–9 and _ becomes _, a leading digit gets a prefix, at most 63
 * bytes, duplicates and the engine's own columns (fid, geom, etl_chunk) get a numbered suffix. The
 * mapping source → column is kept in the table's metadata.
 */
public final class ColumnNames {

    /** A loaded column: its source field, its column name, its PostgreSQL type, the OGR type it came from. */
    public record Column(String source, String name, String pgType, String ogrType) {
    }

    static final Set<String> RESERVED = Set.of("fid", "geom", "etl_chunk");

    private ColumnNames() {
    }

    public static List<Column> of(List<OgrSource.Field> fields, Map<String, String> mapping) {
        for (String source : mapping.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(source))) {
                throw new PermanentTaskException("column_mapping names field '" + source + "', which the layer does not have");
            }
        }
        Set<String> used = new HashSet<>(RESERVED);
        List<Column> out = new ArrayList<>();
        for (OgrSource.Field f : fields) {
            String base = launder(mapping.getOrDefault(f.name(), f.name()));
            String name = base;
            for (int n = 2; used.contains(name); n++) {
                String suffix = "_" + n;
                name = truncate(base, 63 - suffix.length()) + suffix;
            }
            used.add(name);
            out.add(new Column(f.name(), name, pgType(f.type()), f.type()));
        }
        return out;
    }

    static String launder(String raw) {
        String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_").replaceAll("_+", "_");
        if (s.isEmpty() || s.equals("_")) {
            s = "field";
        }
        if (Character.isDigit(s.charAt(0))) {
            s = "f_" + s;
        }
        return truncate(s, 63);
    }

    private static String truncate(String s, int maxBytes) {
        while (s.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    static String pgType(String ogrType) {
        return switch (ogrType) {
            case "Integer" -> "integer";
            case "Integer64" -> "bigint";
            case "Real" -> "double precision";
            case "Date" -> "date";
            case "DateTime" -> "timestamptz";
            case "Time" -> "time";
            default -> "text";
        };
    }

    /** A SQL identifier, double-quoted; names are laundered before they get here. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
