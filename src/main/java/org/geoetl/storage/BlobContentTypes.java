package org.geoetl.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The content type a blob is served with: the one stored with it (Azure keeps it), else what its
 * name and — for TIFFs — its first bytes say. A COG is recognised by the structural metadata GDAL's
 * COG driver writes right after the TIFF header ({@code LAYOUT=IFDS_BEFORE_DATA}), so a plain
 * GeoTIFF is not labelled cloud-optimized.
 */
public final class BlobContentTypes {

    public static final String COG = "image/tiff; application=geotiff; profile=cloud-optimized";
    public static final String GEOTIFF = "image/tiff; application=geotiff";
    private static final String OCTETS = "application/octet-stream";
    private static final int HEADER = 512;

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("json", "application/json"), Map.entry("geojson", "application/geo+json"),
            Map.entry("vrt", "application/xml"), Map.entry("xml", "application/xml"),
            Map.entry("gpkg", "application/geopackage+sqlite3"), Map.entry("zip", "application/zip"),
            Map.entry("kml", "application/vnd.google-earth.kml+xml"), Map.entry("kmz", "application/vnd.google-earth.kmz"),
            Map.entry("csv", "text/csv"), Map.entry("txt", "text/plain"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("fgb", "application/flatgeobuf"),
            Map.entry("gml", "application/gml+xml"));

    private BlobContentTypes() {
    }

    public static String of(BlobStorage storage, BlobInfo info) {
        String stored = info.contentType();
        // curl --data-binary labels any file as form content; that label says nothing about the blob
        if (stored != null && !stored.isBlank() && !stored.startsWith(OCTETS)
                && !stored.startsWith("application/x-www-form-urlencoded")) {
            return stored;
        }
        String name = info.name().toLowerCase(Locale.ROOT);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (extension.equals("tif") || extension.equals("tiff")) {
            return isCog(storage, info) ? COG : GEOTIFF;
        }
        return BY_EXTENSION.getOrDefault(extension, OCTETS);
    }

    private static boolean isCog(BlobStorage storage, BlobInfo info) {
        try (InputStream in = storage.open(info.container(), info.name(), 0, Math.min(HEADER, info.size()))) {
            return isCogHeader(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static boolean isCogHeader(byte[] head) {
        if (head.length < 16 || !((head[0] == 'I' && head[1] == 'I') || (head[0] == 'M' && head[1] == 'M'))) {
            return false;
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        return text.contains("GDAL_STRUCTURAL_METADATA_SIZE=") && text.contains("LAYOUT=IFDS_BEFORE_DATA");
    }
}
