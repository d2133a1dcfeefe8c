package org.geoetl.vector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.gdal.ArchiveInspector;
import org.geoetl.gdal.GdalRuntime;
import org.geoetl.gdal.OgrSource;
import org.geoetl.gdal.VectorFormat;
import org.geoetl.storage.BlobNotFoundException;
import org.geoetl.storage.BlobStorage;
import org.geoetl.storage.StorageAccounts;
import org.springframework.stereotype.Component;

/**
 * Gets a job's source file onto this worker (its own directory under geoetl.vector.work-dir, named
 * by the job id, so every task of the job on this machine shares one download) and opens it with
 * the OGR driver its content calls for. GDAL only ever sees paths built here.
 */
@Component
public class VectorSource {

    private final StorageAccounts accounts;
    private final GdalRuntime gdal;
    private final GeoEtlProperties.Vector config;

    public VectorSource(StorageAccounts accounts, GdalRuntime gdal, GeoEtlProperties properties) {
        this.accounts = accounts;
        this.gdal = gdal;
        this.config = properties.vector();
    }

    public Path jobDir(String jobId) {
        return Path.of(config.workDir()).toAbsolutePath().resolve(jobId);
    }

    /** Downloads the job's blob (once per job and machine) into the job's directory; returns the local file. */
    public Path download(String jobId, Map<String, Object> job) {
        String container = accounts.allowedContainer((String) job.get("container_name"));
        String blob = (String) job.get("blob_name");
        BlobStorage storage = accounts.get((String) job.get("account"));
        long size = storage.stat(container, blob).orElseThrow(() -> new PermanentTaskException(
                "blob '" + blob + "' not found in container '" + container + "'")).size();
        Path dir = jobDir(jobId);
        Path file = dir.resolve("source").resolve("input");
        try {
            Files.createDirectories(file.getParent());
            java.util.Optional<Path> local = storage.localFile(container, blob);
            if (local.isPresent() && !Files.exists(file)) {
                try {
                    // same machine and filesystem: a hard link instead of a copy of a possibly huge file
                    Files.createLink(file, local.get());
                } catch (IOException | UnsupportedOperationException e) {
                    // different filesystem: fall through to the copy below
                }
            }
            if (!Files.exists(file) || Files.size(file) != size) {
                Path temp = Files.createTempFile(file.getParent(), "download", ".part");
                try (InputStream in = storage.open(container, blob)) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (BlobNotFoundException e) {
            throw new PermanentTaskException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("downloading " + container + "/" + blob + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** Downloads (once) and unpacks the job's blob; returns the file OGR opens and its format. */
    public Resolved resolve(String jobId, Map<String, Object> job) {
        String blob = (String) job.get("blob_name");
        Path file = download(jobId, job);
        Path dir = jobDir(jobId);
        VectorFormat format = VectorFormat.detect(file, blob);
        if (format != VectorFormat.ZIP) {
            // the name GDAL sees carries the extension of the detected format, whatever the blob was called
            Path named = file.resolveSibling("input" + format.extension());
            try {
                if (!Files.exists(named)) {
                    Files.createLink(named, file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Resolved(named, format, blob);
        }
        Path unpacked = dir.resolve("unpacked");
        if (!Files.isDirectory(unpacked)) {
            Path temp = dir.resolve("unpacking-" + System.nanoTime());
            ArchiveInspector.extract(file, temp, config.maxExtracted().toBytes());
            try {
                Files.move(temp, unpacked, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                delete(temp); // another task of this job unpacked it first
            }
        }
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> files = Files.walk(unpacked)) {
            files.filter(Files::isRegularFile).sorted().forEach(candidates::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String ext : new String[] {".kml", ".shp"}) {
            for (Path p : candidates) {
                if (p.getFileName().toString().toLowerCase().endsWith(ext)) {
                    return new Resolved(p, ext.equals(".kml") ? VectorFormat.KML : VectorFormat.SHAPEFILE, blob);
                }
            }
        }
        throw new PermanentTaskException("archive " + blob + " holds no .kml (KMZ) and no .shp (zipped Shapefile)");
    }

    public OgrSource open(Resolved source, Map<String, Object> job) {
        List<String> options = new ArrayList<>();
        if (source.format() == VectorFormat.CSV) {
            Object lat = job.get("lat_name");
            Object lon = job.get("lon_name");
            Object wkt = job.get("wkt_column");
            if (lat != null && lon != null) {
                options.add("X_POSSIBLE_NAMES=" + lon);
                options.add("Y_POSSIBLE_NAMES=" + lat);
            } else if (wkt != null) {
                options.add("GEOM_POSSIBLE_NAMES=" + wkt);
            } else {
                throw new PermanentTaskException("a CSV needs lat_name and lon_name, or wkt_column");
            }
            options.add("KEEP_GEOM_COLUMNS=NO");
            options.add("AUTODETECT_TYPE=YES");
        }
        return OgrSource.open(gdal, source.file(), source.format(), (String) job.get("layer_name"), options);
    }

    public void cleanup(String jobId) {
        delete(jobDir(jobId));
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // scratch space: a leftover is harmless and removed with the next run of the job
        }
    }

    /** The file OGR opens, its format, and the blob it came from. */
    public record Resolved(Path file, VectorFormat format, String blob) {
    }
}
