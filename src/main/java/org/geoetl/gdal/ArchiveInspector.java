package org.geoetl.gdal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Inspects a zip (KMZ, zipped Shapefile) before anything is extracted, then extracts it into a
 * directory of the task's own, counting real bytes: too many entries, a declared or real size over
 * the limit (a zip bomb), absolute or {@code ..} entry names — each refuses the archive.
 */
public final class ArchiveInspector {

    public static final int MAX_ENTRIES = 10_000;

    private ArchiveInspector() {
    }

    /** Extracts {@code zip} into {@code target} and returns the extracted files. */
    public static List<Path> extract(Path zip, Path target, long maxBytes) {
        List<Path> files = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            if (z.size() > MAX_ENTRIES) {
                throw new GdalException("archive has " + z.size() + " entries; at most " + MAX_ENTRIES + " are accepted");
            }
            long declared = 0;
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                check(entry.getName());
                declared += Math.max(entry.getSize(), 0);
            }
            if (declared > maxBytes) {
                throw new GdalException("archive declares " + declared + " bytes uncompressed; the limit is " + maxBytes);
            }
            Path root = target.toAbsolutePath().normalize();
            long written = 0;
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new GdalException("archive entry '" + entry.getName() + "' points outside the archive");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = z.getInputStream(entry); OutputStream os = Files.newOutputStream(out)) {
                    byte[] buffer = new byte[65536];
                    for (int r; (r = in.read(buffer)) > 0; ) {
                        written += r;
                        if (written > maxBytes) {
                            throw new GdalException("archive expands beyond " + maxBytes + " bytes (declared sizes lie:"
                                    + " a zip bomb?)");
                        }
                        os.write(buffer, 0, r);
                    }
                }
                files.add(out);
            }
        } catch (IOException e) {
            throw new GdalException("cannot read archive " + zip.getFileName() + ": " + e.getMessage());
        }
        return files;
    }

    static void check(String name) {
        boolean parent = java.util.Arrays.asList(name.split("[/\\\\]")).contains("..");
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*") || parent
                || name.contains("\0")) {
            throw new GdalException("archive entry '" + name + "' has an absolute or parent path; refused");
        }
    }
}
