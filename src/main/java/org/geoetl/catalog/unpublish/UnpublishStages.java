package org.geoetl.catalog.unpublish;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The records the unpublish jobs' stages exchange (snake_case of jobs/unpublish_*.yaml). */
final class UnpublishStages {

    private UnpublishStages() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VectorJob(String tableName, String schema, boolean keepTable, boolean dryRun, boolean forceApproved) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RasterJob(String collectionId, String itemId, boolean dryRun, boolean forceApproved,
                     boolean deleteCollectionIfEmpty) {
    }

    /** An approval of a job that produced the data. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ApprovalRef(String approvalId, String jobId, String status) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BlobRef(String account, String container, String blob, boolean exists) {
    }

    /**
     * What an unpublish finds and will remove: tables (vector), COG rows, blobs and the mosaic assets
     * (raster: a tile set's, and the collection mosaics that cover the item), STAC items, dataset
     * references, and the approvals standing in the way.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Plan(String dataType, String schema, List<String> tables, String collectionId, List<String> items,
                List<String> cogIds, List<BlobRef> blobs, List<String> mosaicAssets, List<String> datasetRefs,
                List<ApprovalRef> approvals) {
    }

    /** Stage 1's answer: the plan, and what stage 2 removes (nothing for a dry run). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Inventory(boolean dryRun, Plan plan, List<Plan> remove) {
    }

    record Slot(int index, Plan item) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Removed(String dataType, List<String> tablesDropped, int itemsDeleted, int metadataRowsDeleted,
                   int blobsDeleted, int datasetRefsDeleted, List<String> approvalsRevoked, boolean collectionDeleted) {
    }
}
