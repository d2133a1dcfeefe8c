package org.geoetl.curated.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The file name extension a downloaded archive gets, from its first bytes: the name the server
 * suggests (Content-Disposition, the URL's last segment) is never used, so it cannot steer a path,
 * and neither the announced format nor the content type is trusted over what the bytes are.
 */
final class ArchiveTypes {

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};
    private static final byte[] GZIP = {0x1f, (byte) 0x8b};
    private static final byte[] SQLITE = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private ArchiveTypes() {
    }

    /** "zip", "tar.gz", "gpkg" or "geojson"; empty when the bytes are none of these. */
    static Optional<String> extension(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        }
        if (startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP)) {
            return Optional.of("zip");
        } else if (startsWith(head, GZIP)) {
            return Optional.of("tar.gz"); // IBAT's gzip downloads are tarballs of a Shapefile or FileGDB
        } else if (startsWith(head, SQLITE)) {
            return Optional.of("gpkg");
        } else if (firstNonBlank(head) == '{') {
            return Optional.of("geojson");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    /* Skips a UTF-8 byte order mark and whitespace; -1 when there is nothing else. */
    private static int firstNonBlank(byte[] head) {
        int i = startsWith(head, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}) ? 3 : 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        return i < head.length ? head[i] : -1;
    }
}
