package org.geoetl.gdal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The vector formats GeoETL accepts, each with the only OGR driver allowed to open it, recognised
 * from the file's content — never from its name alone, so a VRT or a GeoPackage called ".kml" is
 * handled as what it is (or refused).
 */
public enum VectorFormat {
    GEOJSON("GeoJSON"), KML("KML"), GML("GML"), GEOPACKAGE("GPKG"), SHAPEFILE("ESRI Shapefile"),
    FLATGEOBUF("FlatGeobuf"), CSV("CSV"), FILEGDB("OpenFileGDB"), ZIP(null), TAR_GZ(null);

    private final String driver;

    VectorFormat(String driver) {
        this.driver = driver;
    }

    /** The file extension OGR expects for this format (the CSV driver opens only *.csv). */
    public String extension() {
        return switch (this) {
            case GEOJSON -> ".geojson";
            case KML -> ".kml";
            case GML -> ".gml";
            case GEOPACKAGE -> ".gpkg";
            case SHAPEFILE -> ".shp";
            case FLATGEOBUF -> ".fgb";
            case CSV -> ".csv";
            case FILEGDB -> ".gdb";
            case ZIP -> ".zip";
            case TAR_GZ -> ".tar.gz";
        };
    }

    public String driver() {
        return driver;
    }

    /** A container of files (zip, tar.gz): unpacked, then the dataset inside is opened. */
    public boolean isArchive() {
        return this == ZIP || this == TAR_GZ;
    }

    /** Recognises a file by its first bytes; throws with a clear message for anything else. */
    public static VectorFormat detect(Path file) {
        return detect(file, file.getFileName().toString());
    }

    /** As {@link #detect(Path)}, naming the file {@code name} (e.g. the blob) in messages. */
    public static VectorFormat detect(Path file, String name) {
        byte[] head = new byte[4096];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new GdalException("cannot read " + name + ": " + e.getMessage());
        }
        if (n == 0) {
            throw new GdalException(name + " is empty");
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return ZIP;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return TAR_GZ; // gzip: only a gzipped tar archive is accepted (checked when unpacked)
        }
        if (n >= 16 && new String(head, 0, 16, StandardCharsets.US_ASCII).startsWith("SQLite format 3")) {
            return GEOPACKAGE;
        }
        if (n >= 4 && head[0] == 'f' && head[1] == 'g' && head[2] == 'b') {
            return FLATGEOBUF;
        }
        if (n >= 4 && (head[0] & 0xff) == 0 && (head[1] & 0xff) == 0 && (head[2] & 0xff) == 0x27 && (head[3] & 0xff) == 0x0a) {
            return SHAPEFILE; // a bare .shp (needs its .shx/.dbf: only usable inside a zip)
        }
        String text = new String(head, 0, n, StandardCharsets.UTF_8).stripLeading();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1).stripLeading();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("<")) {
            if (lower.contains("<kml")) {
                return KML;
            }
            if (lower.contains("gml") && (lower.contains("featurecollection") || lower.contains("featuremember"))) {
                return GML;
            }
            throw new GdalException(name + " is XML but neither KML nor GML (e.g. a VRT): not accepted");
        }
        if (lower.startsWith("{") && lower.contains("\"type\"")) {
            return GEOJSON;
        }
        if (!text.isEmpty() && text.chars().limit(n).noneMatch(c -> c == 0) && text.contains("\n")
                && (text.substring(0, text.indexOf('\n')).contains(",") || text.substring(0, text.indexOf('\n')).contains(";"))) {
            return CSV;
        }
        throw new GdalException(name + " is not a supported vector format (GeoJSON, KML/KMZ, GML, "
                + "GeoPackage, zipped Shapefile, FlatGeobuf, CSV)");
    }
}
