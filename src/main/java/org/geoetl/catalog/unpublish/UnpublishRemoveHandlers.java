package org.geoetl.catalog.unpublish;

import java.util.ArrayList;
import java.util.List;
import org.geoetl.catalog.DatasetRefs;
import org.geoetl.catalog.metadata.MetadataRepository;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.stac.StacStore;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.vector.VectorTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stage 2 of the unpublish jobs: revokes what force_approved allowed, then removes the plan.
 * Vector: STAC item, catalog rows, dataset references and (unless keep_table) the table and its
 * ETL report, in one transaction. Raster: the blobs first — a retry after a crash finds the rest
 * still catalogued and reported by metadata-health, never blobs nobody knows about — then items,
 * COG rows, references, the mosaic asset and the emptied collection in one transaction. Every step
 * is a delete of what may already be gone, so a retried task finishes the job.
 */
@Configuration
public class UnpublishRemoveHandlers {

    @Bean
    TaskHandler unpublishVectorRemove(UnpublishApprovals approvals, StacStore stac, MetadataRepository metadata,
                                      DatasetRefs refs, VectorTables tables, TransactionTemplate tx) {
        return new UnpublishInventoryHandlers.Handler("unpublish_vector_remove",
                "unpublish_vector stage 2: revokes approvals, removes the item, catalog rows, references and table",
                UnpublishStages.VectorJob.class, UnpublishStages.Removed.class, context -> {
            UnpublishStages.VectorJob job = context.params(UnpublishStages.VectorJob.class);
            UnpublishStages.Plan p = plan(context);
            List<String> revoked = approvals.revokeApproved(p.approvals(), context.jobId());
            return tx.execute(s -> {
                int items = stac.deleteItems(p.collectionId(), p.items());
                int rows = metadata.deleteVector(p.schema(), job.tableName()) ? 1 : 0;
                int deletedRefs = refs.delete("vector", p.datasetRefs());
                List<String> dropped = new ArrayList<>();
                if (!job.keepTable()) {
                    p.tables().stream().filter(t -> tables.drop(p.schema(), t)).forEach(dropped::add);
                }
                return new UnpublishStages.Removed("vector", dropped, items, rows, 0, deletedRefs, revoked, false);
            });
        });
    }

    @Bean
    TaskHandler unpublishRasterRemove(UnpublishApprovals approvals, StacStore stac, MetadataRepository metadata,
                                      DatasetRefs refs, StorageAccounts accounts, TransactionTemplate tx) {
        return new UnpublishInventoryHandlers.Handler("unpublish_raster_remove",
                "unpublish_raster stage 2: revokes approvals, removes blobs, items, COG rows and the emptied collection",
                UnpublishStages.RasterJob.class, UnpublishStages.Removed.class, context -> {
            UnpublishStages.RasterJob job = context.params(UnpublishStages.RasterJob.class);
            UnpublishStages.Plan p = plan(context);
            List<String> revoked = approvals.revokeApproved(p.approvals(), context.jobId());
            int blobs = 0;
            for (UnpublishStages.BlobRef b : p.blobs()) {
                blobs += accounts.get(b.account()).delete(b.container(), b.blob()) ? 1 : 0;
            }
            int deletedBlobs = blobs;
            return tx.execute(s -> {
                // unpublish jobs of one collection run in parallel: the last one must see it empty
                stac.lockCollection(p.collectionId());
                int items = stac.deleteItems(p.collectionId(), p.items());
                int rows = (int) p.cogIds().stream().filter(id -> metadata.deleteRaster(p.collectionId(), id)).count();
                int deletedRefs = refs.delete("raster", p.datasetRefs());
                if (p.mosaicAsset() != null) {
                    stac.removeCollectionAsset(p.collectionId(), p.mosaicAsset());
                }
                boolean collection = job.deleteCollectionIfEmpty() && stac.deleteCollectionIfEmpty(p.collectionId());
                return new UnpublishStages.Removed("raster", List.of(), items, rows, deletedBlobs, deletedRefs, revoked,
                        collection);
            });
        });
    }

    private static UnpublishStages.Plan plan(TaskContext context) {
        return context.taskParams(UnpublishStages.Slot.class).item();
    }
}
