package org.geoetl.catalog.repair;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.geoetl.catalog.metadata.BaseMetadata;
import org.geoetl.catalog.metadata.MetadataRepository;
import org.geoetl.catalog.metadata.MetadataStac;
import org.geoetl.catalog.metadata.RasterMetadata;
import org.geoetl.catalog.metadata.VectorMetadata;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.stac.StacStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * rebuild_stac stage 2, one task per item: renders the STAC item from the typed metadata row with
 * the same code that published it, under the job that produced the data, and upserts it
 * (force_recreate deletes the old item first). Idempotent: an upsert of the same rendering changes
 * nothing. A rebuilt item starts unpublished, like any item; its job's approval decides publication.
 */
@Component
public class RebuildItemHandler implements TaskHandler {

    private final MetadataRepository metadata;
    private final MetadataStac render;
    private final StacStore stac;
    private final JobRepository jobs;
    private final TransactionTemplate tx;

    public RebuildItemHandler(MetadataRepository metadata, MetadataStac render, StacStore stac, JobRepository jobs,
                              TransactionTemplate tx) {
        this.metadata = metadata;
        this.render = render;
        this.stac = stac;
        this.jobs = jobs;
        this.tx = tx;
    }

    @Override
    public String taskType() {
        return "stac_rebuild_item";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.LIGHT;
    }

    @Override
    public String description() {
        return "rebuild_stac stage 2, one task per item: renders the STAC item from its metadata row and upserts it";
    }

    @Override
    public Class<?> paramsType() {
        return RebuildStages.Job.class;
    }

    @Override
    public Class<?> resultType() {
        return RebuildStages.Rebuilt.class;
    }

    @Override
    public RebuildStages.Rebuilt handle(TaskContext context) {
        RebuildStages.Job job = context.params(RebuildStages.Job.class);
        RebuildStages.Target t = context.taskParams(RebuildStages.Slot.class).item();
        ObjectNode item;
        String producedBy;
        if ("vector".equals(t.dataType())) {
            VectorMetadata m = metadata.findVector(t.schema(), t.name()).orElseThrow(() -> gone(t));
            producedBy = m.base().jobId();
            item = render.vectorItem(new VectorMetadata(typed(m.base(), "process_vector"), m.schema(), m.table(),
                    m.geometryType(), m.featureCount(), m.featuresRead(), m.featuresRejected(), m.srid(), m.columns(),
                    m.repairs(), m.processingSoftware(), m.owner()));
        } else {
            RasterMetadata m = metadata.findRaster(t.collectionId(), t.name()).stream().findFirst().orElseThrow(() -> gone(t));
            producedBy = m.base().jobId();
            item = render.rasterItem(withBase(m, typed(m.base(), "process_raster")));
        }
        boolean existed = !stac.existingItems(t.collectionId(), List.of(t.itemId())).isEmpty();
        tx.executeWithoutResult(s -> {
            if (job.forceRecreate()) {
                stac.deleteItems(t.collectionId(), List.of(t.itemId()));
            }
            if (stac.collection(t.collectionId()).isEmpty()) {
                stac.upsertCollection(render.newCollection(t.collectionId(), "rebuilt by rebuild_stac",
                        bbox(item)), null);
            }
            stac.upsertItems(t.collectionId(), List.of(item), producedBy);
        });
        return new RebuildStages.Rebuilt(t.collectionId(), t.itemId(),
                job.forceRecreate() && existed ? "recreated" : existed ? "unchanged" : "created");
    }

    private static PermanentTaskException gone(RebuildStages.Target t) {
        return new PermanentTaskException("the metadata row of " + t.name() + " disappeared after validation");
    }

    /** The same metadata, naming the job type that produced it (rows record the job, not its type). */
    private BaseMetadata typed(BaseMetadata b, String fallback) {
        String type = b.jobId() == null ? fallback : jobs.find(b.jobId()).map(j -> j.jobType()).orElse(fallback);
        return new BaseMetadata(b.datasetId(), b.title(), b.description(), b.keywords(), b.license(), b.attribution(),
                b.bbox(), b.temporalStart(), b.temporalEnd(), b.sourceFile(), b.sourceFormat(), b.sourceCrs(), b.jobId(),
                type, b.stacCollectionId(), b.stacItemId());
    }

    private static RasterMetadata withBase(RasterMetadata m, BaseMetadata base) {
        return new RasterMetadata(base, m.container(), m.blobPath(), m.href(), m.width(), m.height(), m.dtype(), m.nodata(),
                m.epsg(), m.transform(), m.projectedBbox(), m.compression(), m.blocksize(), m.overviewLevels(),
                m.rasterType(), m.sizeBytes(), m.checksum(), m.bands(), m.lineage());
    }

    private static double[] bbox(ObjectNode item) {
        var b = item.path("bbox");
        return new double[] {b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()};
    }
}
