package org.geoetl.catalog.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.stac.StacStore;
import org.geoetl.storage.BlobStorage;
import org.springframework.stereotype.Component;

/**
 * ingest_collection stage 4 (one task per batch): reads each copied sidecar from the target,
 * points its assets at the copies, and upserts the batch, unpublished, in one statement.
 */
@Component
public class IngestRegisterItemsHandler implements TaskHandler {

    private final StacStore store;
    private final IngestSources sources;

    public IngestRegisterItemsHandler(StacStore store, IngestSources sources) {
        this.store = store;
        this.sources = sources;
    }

    @Override
    public String taskType() {
        return "ingest_register_items";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.LIGHT;
    }

    @Override
    public String description() {
        return "ingest_collection stage 4, one task per batch: upserts the copied items, unpublished";
    }

    @Override
    public Class<?> paramsType() {
        return IngestStages.Job.class;
    }

    @Override
    public Class<?> resultType() {
        return IngestStages.Registered.class;
    }

    @Override
    public IngestStages.Registered handle(TaskContext context) {
        IngestStages.Job job = context.params(IngestStages.Job.class);
        BlobStorage target = sources.target(job);
        String container = job.targetContainer();
        String collectionId = context.stageResults("inventory", IngestStages.Inventory.class).get(0).collectionId();
        List<ObjectNode> items = new ArrayList<>();
        for (IngestStages.Entry entry : context.taskParams(IngestStages.Batch.class).items()) {
            ObjectNode item = (ObjectNode) sources.readJson(target, container, entry.itemBlob());
            item.put("collection", collectionId);
            ObjectNode assets = (ObjectNode) item.with("assets");
            entry.assets().forEach((key, blob) -> ((ObjectNode) assets.with(key)).put("href", target.href(container, blob)));
            ObjectNode properties = (ObjectNode) item.with("properties");
            properties.put("app:job_id", context.jobId());
            properties.put("app:job_type", context.jobType());
            items.add(item);
        }
        int written = store.upsertItems(collectionId, items, context.jobId());
        return new IngestStages.Registered(written);
    }
}
