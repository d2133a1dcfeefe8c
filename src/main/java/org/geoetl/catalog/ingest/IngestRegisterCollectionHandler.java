package org.geoetl.catalog.ingest;

import java.util.Map;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.stac.StacStore;
import org.springframework.stereotype.Component;

/** ingest_collection stage 3: registers the collection read by the inventory stage (two stages back). */
@Component
public class IngestRegisterCollectionHandler implements TaskHandler {

    private final StacStore store;
    private final IngestSources sources;

    public IngestRegisterCollectionHandler(StacStore store, IngestSources sources) {
        this.store = store;
        this.sources = sources;
    }

    @Override
    public String taskType() {
        return "ingest_register_collection";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.LIGHT;
    }

    @Override
    public String description() {
        return "ingest_collection stage 3: registers the collection read by the inventory stage";
    }

    @Override
    public Map<String, Object> handle(TaskContext context) {
        IngestStages.Inventory inventory = context.stageResults("inventory", IngestStages.Inventory.class).get(0);
        store.upsertCollection(inventory.collection(), context.jobId());
        return Map.of("collection_id", inventory.collectionId());
    }
}
