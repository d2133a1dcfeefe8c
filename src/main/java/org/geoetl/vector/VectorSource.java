package org.geoetl.vector;

import java.io.IOException;
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
import org.geoetl.gdal.TarGzArchives;
import org.geoetl.gdal.VectorFormat;
import org.geoetl.storage.JobFiles;
import org.springframework.stereotype.Component;

/**
 * Turns a job's input (fetched into its scratch directory by {@link JobFiles}) into the file OGR
 * opens: recognises the format from the content, unpacks KMZ and zipped Shapefiles, and opens it
 * with the one OGR driver its content calls for.
 */
@Component
public class VectorSource {

    private final JobFiles files;
    private final GdalRuntime gdal;
    private final GeoEtlProperties.Vector config;

    public VectorSource(JobFiles files, GdalRuntime gdal, GeoEtlProperties properties) {
        this.files = files;
        this.gdal = gdal;
        this.config = properties.vector();
    }

    /** Downloads (once) and unpacks the job's blob; returns the file OGR opens and its format. */
    public Resolved resolve(String jobId, Map<String, Object> job) {
        String blob = (String) job.get("blob_name");
        Path file = files.input(jobId, job);
        Path dir = files.jobDir(jobId);
        VectorFormat format = VectorFormat.detect(file, blob);
        if (!format.isArchive()) {
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
            if (format == VectorFormat.TAR_GZ) {
                TarGzArchives.extract(file, temp, config.maxExtracted().toBytes());
            } else {
                ArchiveInspector.extract(file, temp, config.maxExtracted().toBytes());
            }
            try {
                Files.move(temp, unpacked, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                delete(temp); // another task of this job unpacked it first
            }
        }
        return inArchive(unpacked, blob);
    }

    /**
     * The dataset inside an unpacked archive, in order of preference: a GeoPackage, a File
     * Geodatabase (a *.gdb directory), a Shapefile, a KML (KMZ). Data portals (IBAT among them) ship
     * one of these per archive, often beside read-me PDFs, which are ignored.
     */
    static Resolved inArchive(Path unpacked, String blob) {
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> files = Files.walk(unpacked)) {
            files.sorted().forEach(candidates::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (VectorFormat f : new VectorFormat[] {VectorFormat.GEOPACKAGE, VectorFormat.FILEGDB, VectorFormat.SHAPEFILE,
                VectorFormat.KML}) {
            for (Path p : candidates) {
                String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                boolean directory = Files.isDirectory(p);
                if (name.endsWith(f.extension()) && directory == (f == VectorFormat.FILEGDB)) {
                    return new Resolved(p, f, blob);
                }
            }
        }
        throw new PermanentTaskException("archive " + blob + " holds no GeoPackage (.gpkg), File Geodatabase (.gdb),"
                + " Shapefile (.shp) or KML (.kml)");
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

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a half-unpacked leftover is removed with the job directory
        }
    }

    /** The file OGR opens, its format, and the blob it came from. */
    public record Resolved(Path file, VectorFormat format, String blob) {
    }
}
