package org.geoetl.catalog.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.springframework.stereotype.Component;

/** ingest_collection stage 5: checks that every inventoried item was registered and sums up the job. */
@Component
public class IngestFinalizeHandler implements TaskHandler {

    @Override
    public String taskType() {
        return "ingest_finalize";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.LIGHT;
    }

    @Override
    public String description() {
        return "ingest_collection stage 5: checks every inventoried item was registered and sums up the job";
    }

    @Override
    public Map<String, Object> handle(TaskContext context) {
        IngestStages.Inventory inventory = context.stageResults("inventory", IngestStages.Inventory.class).get(0);
        int expected = inventory.totalItems();
        int registered = context.stageResults("register_items", IngestStages.Registered.class).stream()
                .mapToInt(IngestStages.Registered::itemsRegistered).sum();
        if (registered != expected) {
            throw new PermanentTaskException("registered " + registered + " of " + expected + " inventoried items");
        }
        List<IngestStages.Copied> copies = context.stageResults("copy", IngestStages.Copied.class);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("collection_id", inventory.collectionId());
        result.put("items_registered", registered);
        result.put("files_copied", copies.stream().mapToInt(IngestStages.Copied::filesCopied).sum());
        result.put("files_skipped", copies.stream().mapToInt(IngestStages.Copied::filesSkipped).sum());
        result.put("bytes_copied", copies.stream().mapToLong(IngestStages.Copied::bytesCopied).sum());
        result.put("stac_collection_url", "/api/stac/collections/" + inventory.collectionId());
        return result;
    }
}
