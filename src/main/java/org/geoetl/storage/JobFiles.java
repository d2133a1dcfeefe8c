package org.geoetl.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.JobFailureListener;
import org.geoetl.engine.handler.PermanentTaskException;
import org.springframework.stereotype.Component;

/**
 * A job's scratch directory on this worker (geoetl.worker.work-dir/&lt;job id&gt;), shared by every
 * task of the job on this machine, and the job's input blob fetched into it once. GDAL only ever
 * sees paths built here. The directory goes when the job completes (the pipeline calls
 * {@link #cleanup}) or fails or is cancelled (this listener).
 */
@Component
public class JobFiles implements JobFailureListener {

    private final StorageAccounts accounts;
    private final Path root;

    public JobFiles(StorageAccounts accounts, GeoEtlProperties properties) {
        this.accounts = accounts;
        this.root = Path.of(properties.worker().workDir()).toAbsolutePath();
    }

    public Path jobDir(String jobId) {
        return root.resolve(jobId);
    }

    /**
     * The job's blob ({@code account}, {@code container_name}, {@code blob_name} parameters) as a
     * local file: a hard link when the storage keeps blobs as files on this filesystem, else a
     * download written under a temporary name and moved into place.
     */
    public Path input(String jobId, Map<String, Object> job) {
        String container = accounts.allowedContainer((String) job.get("container_name"));
        String blob = (String) job.get("blob_name");
        BlobStorage storage = accounts.get((String) job.get("account"));
        long size = storage.stat(container, blob).orElseThrow(() -> new PermanentTaskException(
                "blob '" + blob + "' not found in container '" + container + "'")).size();
        Path file = jobDir(jobId).resolve("source").resolve("input");
        try {
            Files.createDirectories(file.getParent());
            Optional<Path> local = storage.localFile(container, blob);
            if (local.isPresent() && !Files.exists(file)) {
                try {
                    Files.createLink(file, local.get());
                } catch (IOException | UnsupportedOperationException e) {
                    // another filesystem: copied below
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
            throw new UncheckedIOException("fetching " + container + "/" + blob + ": " + e.getMessage(), e);
        }
        return file;
    }

    public void cleanup(String jobId) {
        Path dir = jobDir(jobId);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // scratch space: a leftover is harmless and replaced by the next run of the job
        }
    }

    @Override
    public void jobEnded(String jobId, String jobType, Map<String, Object> parameters) {
        cleanup(jobId);
    }
}
