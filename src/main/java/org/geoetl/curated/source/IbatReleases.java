package org.geoetl.curated.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.geoetl.engine.handler.PermanentTaskException;

/**
 * Reads IBAT's data-downloads answer and picks the download to load. The answer lists one download
 * per format:
 * <pre>
 * {"dataset_name": "wdpa", "update_date": "2026-11-01",
 *  "downloads": [{"format": "shp", "download_url": "https://…/WDPA_Nov2026_Public_shp.zip",
 *                 "update_date": "2026-11-01", "file_size": 4123456789}, …]}
 * </pre>
 * (a bare array of downloads, or one under "data", is read the same way). Preference: GeoPackage
 * (one file, one layer, fast to read) over Shapefile (split in parts, 2 GB per part) over FileGDB;
 * GeoJSON last, as 250,000 protected-area polygons in GeoJSON are several times the size.
 */
final class IbatReleases {

    /** Known formats, best first; other formats (csv, kml…) are never chosen. */
    static final List<String> PREFERENCE = List.of("gpkg", "shp", "gdb", "geojson");
    private static final Map<String, String> SYNONYMS = Map.of("geopackage", "gpkg", "shapefile", "shp",
            "filegdb", "gdb", "fgdb", "gdb", "file geodatabase", "gdb", "json", "geojson");

    private IbatReleases() {
    }

    static IbatRelease best(String dataset, byte[] body, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw new PermanentTaskException("IBAT's data-downloads answer for " + dataset + " is not JSON");
        }
        JsonNode best = null;
        int bestRank = Integer.MAX_VALUE;
        List<String> offered = new ArrayList<>();
        for (JsonNode download : downloads(root)) {
            String format = format(text(download, "format"));
            offered.add(format);
            int rank = PREFERENCE.indexOf(format);
            if (rank >= 0 && rank < bestRank && text(download, "download_url") != null) {
                best = download;
                bestRank = rank;
            }
        }
        if (best == null) {
            throw new PermanentTaskException("IBAT offers no loadable download of " + dataset + " (offered: "
                    + (offered.isEmpty() ? "none" : String.join(", ", offered)) + "; loadable: " + PREFERENCE + ")");
        }
        String updateDate = text(best, "update_date") != null ? text(best, "update_date") : text(root, "update_date");
        return new IbatRelease(dataset, PREFERENCE.get(bestRank), downloadUrl(text(best, "download_url"), dataset),
                shortText(updateDate), size(best.get("file_size")));
    }

    /**
     * The link must be http(s): a {@code file:}, {@code ftp:} or {@code jar:} link from a compromised
     * or spoofed answer would make the worker read local files. Where an http(s) link points (private
     * ranges, metadata endpoints) is the outbound guard's to refuse when the download starts.
     */
    static URI downloadUrl(String raw, String dataset) {
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw new PermanentTaskException("IBAT returned a download link for " + dataset + " that is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new PermanentTaskException("IBAT returned a download link for " + dataset + " with scheme '"
                    + scheme.replaceAll("[^a-z0-9+.-]", "?") + "'; only http and https links are followed");
        }
        if (uri.getHost() == null) {
            throw new PermanentTaskException("IBAT returned a download link for " + dataset + " without a host");
        }
        return uri;
    }

    private static Iterable<JsonNode> downloads(JsonNode root) {
        for (JsonNode candidate : List.of(root, root.path("downloads"), root.path("data"), root.path("data").path("downloads"))) {
            if (candidate.isArray()) {
                return candidate;
            }
        }
        return List.of();
    }

    static String format(String raw) {
        String f = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT).replaceFirst("^\\.", "");
        f = SYNONYMS.getOrDefault(f, f);
        // the name is the server's: only a plain token may reach a message
        return f.matches("[a-z0-9_+-]{1,20}") ? f : "?";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() || value.asText().isBlank() ? null : value.asText();
    }

    private static String shortText(String value) {
        return value == null ? null : value.strip().length() > 40 ? value.strip().substring(0, 40) : value.strip();
    }

    /* file_size as a number or a numeric string; anything else is "not announced", not an error. */
    private static Long size(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong() >= 0 ? value.asLong() : null;
        }
        String text = value.asText().strip();
        return text.matches("\\d{1,18}") ? Long.valueOf(text) : null;
    }
}
