package org.geoetl.curated.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.geoetl.curated.CuratedDataset;
import org.geoetl.curated.CuratedProperties;
import org.geoetl.curated.source.AcledClient;
import org.geoetl.curated.source.IbatClient;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.storage.BlobInfo;
import org.geoetl.storage.StorageAccounts;
import org.springframework.stereotype.Component;

/**
 * Asks a source what it holds now, as cheaply as it allows, and names that as a version: IBAT's
 * {@code update_date} for its format, ACLED's newest event and deletion times (anything after the
 * last run?), a blob's size and time, the Natural Earth file's checksum. A URL's version is its
 * checksum, known only once fetched. The seed's {@code needs_update} was always true; here a run
 * with nothing new skips.
 */
@Component
public class SourceProbe {

    /** What the check found. {@code version} null: only the fetch can tell (a URL's checksum). */
    record Probe(String version, boolean changed, String reason, String downloadUrl, String format, Long since) {
    }

    private final IbatClient ibat;
    private final AcledClient acled;
    private final StorageAccounts storage;
    private final CuratedProperties properties;

    public SourceProbe(IbatClient ibat, AcledClient acled, StorageAccounts storage, CuratedProperties properties) {
        this.ibat = ibat;
        this.acled = acled;
        this.storage = storage;
        this.properties = properties;
    }

    Probe check(CuratedDataset d, boolean force) {
        String previous = d.sourceVersion();
        return switch (d.sourceKind()) {
            case NATURAL_EARTH_ADMIN0, NATURAL_EARTH_ADMIN1 -> {
                String version = "sha256:" + sha256(naturalEarthFile()) + "#" + d.source().path("layer").asText();
                yield versioned(version, previous, force, null, "gpkg");
            }
            case MANUAL -> {
                BlobInfo blob = manualBlob(d);
                yield versioned("blob:" + blob.size() + "@" + blob.lastModified(), previous, force, null, null);
            }
            case URL -> new Probe(null, true, "a URL's checksum is known once fetched", d.source().path("url").asText(),
                    null, null);
            case IBAT_WDPA, IBAT_KBA -> {
                org.geoetl.curated.source.IbatRelease release = ibat.latest(d.source().path("dataset_name").asText());
                yield versioned("ibat:" + release.updateDate() + "/" + release.format(), previous, force, null,
                        release.format());
            }
            case ACLED -> acled(previous, force);
        };
    }

    private Probe acled(String previous, boolean force) {
        Long since = acledTimestamp(previous);
        if (since == null) {
            return new Probe(null, true, "first load", null, null, null);
        }
        if (force) {
            return new Probe(null, true, "forced", null, null, since);
        }
        boolean newer = acled.hasNewerThan(since) || acled.hasDeletionsNewerThan(since);
        return new Probe(previous, newer, newer ? "events or deletions after " + since : "no event or deletion after "
                + since, null, null, since);
    }

    /** ACLED's version is the newest event {@code timestamp} (unix seconds) a run loaded. */
    static Long acledTimestamp(String version) {
        if (version == null || !version.startsWith("acled:")) {
            return null;
        }
        try {
            return Long.parseLong(version.substring("acled:".length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Probe versioned(String version, String previous, boolean force, String url, String format) {
        boolean same = version.equals(previous);
        String reason = force ? "forced" : same ? "source unchanged since the last update (" + version + ")"
                : previous == null ? "first load" : "source changed (" + previous + " → " + version + ")";
        return new Probe(version, force || !same, reason, url, format, null);
    }

    BlobInfo manualBlob(CuratedDataset d) {
        String container = storage.allowedContainer(d.source().path("container").asText(null));
        String blob = d.source().path("blob").asText(null);
        if (blob == null || blob.isBlank()) {
            throw new PermanentTaskException("dataset " + d.datasetId() + " is manual but names no source.blob");
        }
        return storage.get(null).stat(container, blob).orElseThrow(() -> new PermanentTaskException(
                "blob '" + blob + "' not found in container '" + container + "'; upload it first"));
    }

    Path naturalEarthFile() {
        Path file = Path.of(properties.naturalEarthFile());
        if (!Files.isRegularFile(file)) {
            throw new PermanentTaskException("the Natural Earth GeoPackage is not installed (see"
                    + " geoetl.curated.natural-earth-file); run make setup, which extracts it from Debian's qgis-common");
        }
        return file;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int r; (r = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, r);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
