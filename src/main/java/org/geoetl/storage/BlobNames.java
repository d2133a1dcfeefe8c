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
