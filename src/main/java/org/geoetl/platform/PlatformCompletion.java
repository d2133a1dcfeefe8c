package org.geoetl.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.geoetl.catalog.Approvals;
import org.geoetl.catalog.DatasetRefs;
import org.geoetl.engine.JobCompletionListener;
import org.springframework.stereotype.Component;

/**
 * When a Platform job completes (inside its completion transaction, after the approval opened):
 * its dataset gets the hub's ids in app.dataset_refs (seed S7.8.8) — a table as {@code schema.table},
 * a COG by its id — and its approval the classification of the request's access level. After the
 * last job of a raster collection, the collection's mosaic ({@link CollectionMosaic}).
 */
@Component
@org.springframework.core.annotation.Order(50) // after Approvals (0), whose approval it classifies
public class PlatformCompletion implements JobCompletionListener {

    private final PlatformRequests requests;
    private final DatasetRefs refs;
    private final Approvals approvals;
    private final ObjectMapper mapper;
    private final CollectionMosaic mosaic;

    public PlatformCompletion(PlatformRequests requests, DatasetRefs refs, Approvals approvals, ObjectMapper mapper,
                              CollectionMosaic mosaic) {
        this.mosaic = mosaic;
        this.requests = requests;
        this.refs = refs;
        this.approvals = approvals;
        this.mapper = mapper;
    }

    @Override
    public void jobCompleted(String jobId, String jobType, JsonNode result) {
        // after the last of a request's unpublish jobs the request is gone with its data
        requests.unpublishCompleted(jobId);
        requests.byJob(jobId).ifPresent(r -> {
            String ids = mapper.createObjectNode().put("ddh_dataset_id", r.datasetId()).put("ddh_resource_id", r.resourceId())
                    .put("ddh_version_id", r.versionId()).toString();
            JsonNode outputs = read(r.outputs());
            if ("vector".equals(r.dataType())) {
                refs.put("vector", outputs.path("schema").asText() + "." + outputs.path("table").asText(), ids);
            } else {
                // the n-th job of a request writes its n-th item
                int n = r.jobIds().indexOf(jobId);
                JsonNode items = outputs.path("items");
                if (n >= 0 && n < items.size()) {
                    refs.put("raster", items.get(n).asText(), ids);
                }
                if (r.jobIds().size() > 1) {
                    afterCommit(() -> mosaic.buildIfComplete(r.requestId()));
                }
            }
            approvals.classify(jobId, r.accessLevel());
        });
    }

    /**
     * A collection's mosaic is written once the completion has committed (blob I/O stays out of the
     * transaction, and the last of the request's jobs then sees all of them completed); a failure
     * leaves the collection without a mosaic, never the job failed.
     */
    private static void afterCommit(java.util.concurrent.Callable<?> work) {
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            run(work);
            return;
        }
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        run(work);
                    }
                });
    }

    private static void run(java.util.concurrent.Callable<?> work) {
        try {
            work.call();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(PlatformCompletion.class).warn("collection mosaic not written: {}", e.getMessage());
        }
    }

    private JsonNode read(String text) {
        try {
            return mapper.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
