package org.geoetl.raster;

import java.util.List;
import java.util.Map;
import org.geoetl.engine.JobFailureListener;
import org.geoetl.storage.BlobStorage;
import org.geoetl.storage.StorageAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A process_raster job that fails or is cancelled leaves no half-written output: the COGs it had
 * created — tiles finished before another tile failed, say — go from the catalogue and storage.
 * COGs that existed before and that a full re-run had already overwritten in place stay (the old
 * versions are gone; the next run with overwrite redoes them).
 */
@Component
public class RasterFailureCleanup implements JobFailureListener {

    private static final Logger log = LoggerFactory.getLogger(RasterFailureCleanup.class);

    private final RasterOutputs outputs;
    private final StorageAccounts accounts;

    public RasterFailureCleanup(RasterOutputs outputs, StorageAccounts accounts) {
        this.outputs = outputs;
        this.accounts = accounts;
    }

    @Override
    public void jobEnded(String jobId, String jobType, Map<String, Object> parameters) {
        if (!"process_raster".equals(jobType)) {
            return;
        }
        try {
            List<RasterOutputs.Removed> removed = outputs.removeCreatedBy(jobId);
            BlobStorage storage = accounts.get((String) parameters.get("account"));
            removed.forEach(r -> storage.delete(r.container(), r.blob()));
            if (!removed.isEmpty()) {
                log.info("process_raster {} ended without completing: removed {} COG(s) it had written", jobId,
                        removed.size());
            }
        } catch (RuntimeException e) {
            log.warn("cleaning up after process_raster {} failed: {}", jobId, e.getMessage());
        }
    }
}
