package org.geoetl.curated.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.geoetl.curated.CuratedProperties;
import org.geoetl.curated.source.IbatClient;
import org.geoetl.curated.source.SourceApi;
import org.geoetl.curated.source.RetryingHttp;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.storage.BlobStorage;
import org.geoetl.storage.JobFiles;
import org.geoetl.storage.StorageAccounts;
import org.springframework.stereotype.Component;

/**
 * Gets a file source's data into the blob the load reads (so every worker of a cluster reads the
 * same bytes, and the raw delivery is kept in the upload zone as provenance): the Natural Earth
 * GeoPackage, a URL's file, an IBAT archive. A manual dataset's blob is already there.
 */
@Component
public class SourceFiles {

    /** A plain file URL: no credentials, errors name it "the source URL". */
    private static final SourceApi URL_SOURCE = new SourceApi("the source URL", java.util.List.of(), System::getenv);

    private final JobFiles files;
    private final StorageAccounts storage;
    private final IbatClient ibat;
    private final RetryingHttp http;
    private final SourceProbe probe;
    private final CuratedProperties properties;

    public SourceFiles(JobFiles files, StorageAccounts storage, IbatClient ibat, RetryingHttp http, SourceProbe probe,
                       CuratedProperties properties) {
        this.files = files;
        this.storage = storage;
        this.ibat = ibat;
        this.http = http;
        this.probe = probe;
        this.properties = properties;
    }

    /** The fetched file, local to this task (in the job's scratch directory); null for a manual dataset. */
    Path fetch(String jobId, CuratedStages.Checked c, java.util.function.LongConsumer onBytes) {
        Path dir = files.jobDir(jobId).resolve("fetch");
        long max = properties.maxDownload().toBytes();
        try {
            Files.createDirectories(dir);
            return switch (c.sourceKind()) {
                case "natural_earth_admin0", "natural_earth_admin1" -> probe.naturalEarthFile();
                case "url" -> {
                    Path target = dir.resolve("download");
                    http.download(URL_SOURCE, URI.create(c.downloadUrl()), java.util.Map.of(), target, max, onBytes);
                    yield target;
                }
                // asked again rather than carried from the check: a download link may be pre-signed,
                // and task results are stored — no credential-bearing URL is written to the database
                case "ibat_wdpa", "ibat_kba" -> ibat.download(ibat.latest(c.sourceKind().substring("ibat_".length())),
                        dir, max, onBytes);
                case "manual" -> null;
                default -> throw new PermanentTaskException(c.sourceKind() + " is not a file source");
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts the fetched file where the load reads it: the blob process_vector's parameters name. A
     * download is moved there (local storage renames it); the installed Natural Earth file is copied.
     */
    long store(Path file, CuratedStages.Checked c) {
        String container = c.vectorParameters().path("container_name").asText();
        String blob = c.vectorParameters().path("blob_name").asText();
        BlobStorage target = storage.get(null);
        target.ensureContainer(container);
        if (!c.sourceKind().startsWith("natural_earth")) {
            return target.putFile(container, blob, file, "application/octet-stream").size();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return target.put(container, blob, in, Long.MAX_VALUE, "application/octet-stream").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
