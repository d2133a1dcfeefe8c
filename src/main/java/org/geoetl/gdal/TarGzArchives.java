package org.geoetl.gdal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks a gzipped tar archive (how IBAT and many data portals ship File Geodatabases) with the
 * same rules as zips in {@link ArchiveInspector}: no absolute or parent paths, no links or devices,
 * at most {@link ArchiveInspector#MAX_ENTRIES} entries and {@code maxBytes} unpacked — counted as
 * bytes are written, since a tar header's sizes are only claims. Plain ustar and GNU long names.
 */
public final class TarGzArchives {

    private static final int BLOCK = 512;

    private TarGzArchives() {
    }

    public static List<Path> extract(Path archive, Path target, long maxBytes) {
        List<Path> files = new ArrayList<>();
        Path root = target.toAbsolutePath().normalize();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive), 65536))) {
            Files.createDirectories(root);
            long written = 0;
            String longName = null;
            byte[] header = new byte[BLOCK];
            for (int entries = 0; ; entries++) {
                if (in.readNBytes(header, 0, BLOCK) < BLOCK || allZero(header)) {
                    return files;
                }
                if (entries >= ArchiveInspector.MAX_ENTRIES) {
                    throw new GdalException("archive has more than " + ArchiveInspector.MAX_ENTRIES + " entries");
                }
                char type = (char) header[156];
                long size = octal(header, 124, 12);
                String name = longName != null ? longName : name(header);
                longName = null;
                if (type == 'L') { // GNU long name: the next entry's name is this entry's data
                    longName = new String(read(in, size), StandardCharsets.UTF_8).replace("\0", "");
                    skipPadding(in, size);
                    continue;
                }
                if (type == 'x' || type == 'g') { // pax headers: metadata only
                    skip(in, size);
                    skipPadding(in, size);
                    continue;
                }
                ArchiveInspector.check(name);
                Path out = root.resolve(name).normalize();
                if (!out.startsWith(root)) {
                    throw new GdalException("archive entry '" + name + "' points outside the archive");
                }
                if (type == '5') {
                    Files.createDirectories(out);
                } else if (type == '0' || type == '\0') {
                    written += size;
                    if (written > maxBytes) {
                        throw new GdalException("archive expands beyond " + maxBytes + " bytes; refused");
                    }
                    Files.createDirectories(out.getParent());
                    copy(in, out, size);
                    files.add(out);
                } else {
                    throw new GdalException("archive entry '" + name + "' is a link or special file; refused");
                }
                skipPadding(in, size);
            }
        } catch (IOException e) {
            throw new GdalException("cannot read archive " + archive.getFileName() + ": " + e.getMessage());
        }
    }

    private static String name(byte[] h) {
        String name = text(h, 0, 100);
        String magic = text(h, 257, 6);
        String prefix = magic.startsWith("ustar") ? text(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String text(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int offset, int length) throws IOException {
        String s = text(h, offset, length).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar archive (bad size field)");
        }
    }

    private static boolean allZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] read(InputStream in, long size) throws IOException {
        if (size > 65536) {
            throw new IOException("tar long name of " + size + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new IOException("truncated tar archive");
        }
        return data;
    }

    private static void copy(InputStream in, Path out, long size) throws IOException {
        try (OutputStream os = Files.newOutputStream(out)) {
            byte[] buffer = new byte[65536];
            long left = size;
            while (left > 0) {
                int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (r < 0) {
                    throw new IOException("truncated tar archive");
                }
                os.write(buffer, 0, r);
                left -= r;
            }
        }
    }

    private static void skip(InputStream in, long size) throws IOException {
        in.skipNBytes(size);
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        long pad = (BLOCK - size % BLOCK) % BLOCK;
        in.skipNBytes(pad);
    }
}
