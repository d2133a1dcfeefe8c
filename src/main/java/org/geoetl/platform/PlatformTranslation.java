package org.geoetl.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.geoetl.error.GeoEtlException;

/**
 * The seed's translation of a data hub's ids to GeoETL's: the request id, the table name and the
 * STAC slugs, and the data type from a file's extension. Pure functions.
 */
public final class PlatformTranslation {

    static final Set<String> VECTOR = Set.of("geojson", "json", "gpkg", "shp", "zip", "csv", "kml", "kmz", "gml", "fgb");
    static final Set<String> RASTER = Set.of("tif", "tiff");
    /** Known to the seed, not convertible here (GDAL's other raster formats, point clouds, meshes, tables). */
    static final Set<String> NOT_IMPLEMENTED = Set.of("img", "hdf", "nc", "gdb", "las", "laz", "e57", "obj", "fbx",
            "gltf", "glb", "xlsx", "parquet");

    private PlatformTranslation() {
    }

    /** {@code sha256(dataset|resource|version)}, first 32 hex digits. */
    public static String requestId(String dataset, String resource, String version) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((dataset + "|" + resource + "|" + version).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** vector or raster by extension; other known formats are a 501, unknown ones a 400. */
    public static String dataType(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (VECTOR.contains(ext)) {
            return "vector";
        }
        if (RASTER.contains(ext)) {
            return "raster";
        }
        if (NOT_IMPLEMENTED.contains(ext)) {
            throw new GeoEtlException(501, "file type ." + ext + " of " + fileName + " is not supported yet");
        }
        throw new GeoEtlException(400, "file_name " + fileName + ": unknown file type '." + ext + "' (vector: "
                + String.join(", ", new java.util.TreeSet<>(VECTOR)) + "; raster: tif, tiff)");
    }

    /** Table name: lower case, spaces and '-' to '_', nothing outside [a-z0-9_], repeats collapsed, at most 52. */
    public static String tableName(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "_").replaceAll("[^a-z0-9_]", "")
                .replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
            s = "t_" + s;
        }
        return trim(s.length() > 52 ? s.substring(0, 52) : s, '_');
    }

    /** STAC id: lower case, spaces and '_' to '-', nothing outside [a-z0-9-], repeats collapsed. */
    public static String stacSlug(String text, int max) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[\\s_]", "-").replaceAll("[^a-z0-9-]", "")
                .replaceAll("-+", "-").replaceAll("^-|-$", "");
        if (s.isEmpty()) {
            throw new GeoEtlException(400, "'" + text + "' leaves no letters or digits for a STAC id");
        }
        return trim(s.length() > max ? s.substring(0, max) : s, '-');
    }

    /** The file name without folders and extension. */
    public static String stem(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        return base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base;
    }

    /** The data type of a request: one file by its extension, several files must all be rasters. */
    public static String requestType(List<String> files) {
        if (files.size() == 1) {
            return dataType(files.get(0));
        }
        for (String f : files) {
            if (!"raster".equals(dataType(f))) {
                throw new GeoEtlException(400, "a list of files is a raster collection; " + f + " is not a raster");
            }
        }
        return "raster_collection";
    }

    private static String trim(String s, char c) {
        int end = s.length();
        while (end > 1 && s.charAt(end - 1) == c) {
            end--;
        }
        return s.substring(0, end);
    }
}
