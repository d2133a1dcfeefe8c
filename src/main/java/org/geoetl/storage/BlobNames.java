package org.geoetl.storage;

import java.util.regex.Pattern;

/**
 * The rules every container and blob name passes before it reaches a storage: Azure's container
 * rules (3–63 lower-case letters, digits and single hyphens), and blob names of at most 1,024
 * characters made of non-empty segments, with no absolute path, no {@code .}/{@code ..} segment,
 * no backslash and no control character — so no name can leave its container.
 */
public final class BlobNames {

    private static final Pattern CONTAINER = Pattern.compile("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$");
    public static final int MAX_NAME = 1024;

    private BlobNames() {
    }

    public static String container(String container) {
        if (container == null || !CONTAINER.matcher(container).matches()) {
            throw new InvalidBlobNameException("container name '" + container
                    + "' must be 3-63 lower-case letters, digits and single hyphens");
        }
        return container;
    }

    /** Longest segment: what file systems allow for one file name. */
    public static final int MAX_SEGMENT = 255;
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+._-]*:");

    /**
     * Refuses characters that only look like separators or dots (fullwidth, division and fraction
     * slashes, one-dot leaders), invisible format characters (bidi overrides, zero-width) and any
     * text that Unicode compatibility normalisation would change: a name must mean what it shows.
     */
    static void lookAlikes(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.getType(c) == Character.FORMAT || "\u2215\u2044\u29f8\uff0f\uff3c\ufe68\u2024\uff0e\u2025\u2026".indexOf(c) >= 0) {
                throw new InvalidBlobNameException("blob name contains a character that looks like another"
                        + " or is invisible (U+" + String.format("%04X", (int) c) + ")");
            }
        }
        if (!java.text.Normalizer.isNormalized(name, java.text.Normalizer.Form.NFKC)) {
            throw new InvalidBlobNameException("blob name contains compatibility characters (e.g. fullwidth"
                    + " letters); use their plain form");
        }
    }

    public static String blob(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidBlobNameException("blob name is empty");
        }
        if (name.length() > MAX_NAME) {
            throw new InvalidBlobNameException("blob name is longer than " + MAX_NAME + " characters");
        }
        if (name.startsWith("/") || name.contains("\\")) {
            throw new InvalidBlobNameException("blob name '" + name + "' must be relative and use '/' separators");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new InvalidBlobNameException("blob name contains a control character");
            }
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidBlobNameException("blob name '" + name + "' has an empty, '.' or '..' segment");
            }
            if (segment.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SEGMENT) {
                throw new InvalidBlobNameException("a segment of the blob name is longer than " + MAX_SEGMENT + " bytes");
            }
        }
        lookAlikes(name);
        if (SCHEME.matcher(name).lookingAt()) {
            throw new InvalidBlobNameException("blob name '" + name + "' starts like a URL or GDAL connection"
                    + " (http:, PG:, WMS: …); blob names are plain relative paths");
        }
        return name;
    }

    /** Resolves a relative reference (e.g. a STAC href "./a/b.tif") against the folder of {@code base}. */
    public static String resolve(String base, String relative) {
        String folder = base.contains("/") ? base.substring(0, base.lastIndexOf('/') + 1) : "";
        String joined = folder + (relative.startsWith("./") ? relative.substring(2) : relative);
        StringBuilder out = new StringBuilder();
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String s : joined.split("/")) {
            if (s.equals("..")) {
                if (parts.isEmpty()) {
                    throw new InvalidBlobNameException("reference '" + relative + "' leaves the container");
                }
                parts.removeLast();
            } else if (!s.isEmpty() && !s.equals(".")) {
                parts.addLast(s);
            }
        }
        for (String p : parts) {
            out.append(out.length() == 0 ? "" : "/").append(p);
        }
        return blob(out.toString());
    }
}
