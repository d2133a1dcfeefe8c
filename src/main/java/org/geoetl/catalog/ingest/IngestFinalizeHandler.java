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
    public Map<String, Object> handle(TaskContext context) {
        Map<String, Object> inventory = context.stageResults("inventory").get(0);
        int expected = ((Number) inventory.get("total_items")).intValue();
        int registered = sum(context.stageResults("register_items"), "items_registered");
        if (registered != expected) {
            throw new PermanentTaskException("registered " + registered + " of " + expected + " inventoried items");
        }
        List<Map<String, Object>> copies = context.stageResults("copy");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("collection_id", inventory.get("collection_id"));
        result.put("items_registered", registered);
        result.put("files_copied", sum(copies, "files_copied"));
        result.put("files_skipped", sum(copies, "files_skipped"));
        result.put("bytes_copied", copies.stream().mapToLong(c -> ((Number) c.get("bytes_copied")).longValue()).sum());
        result.put("stac_collection_url", "/api/stac/collections/" + inventory.get("collection_id"));
        return result;
    }

    private static int sum(List<Map<String, Object>> results, String key) {
        return results.stream().mapToInt(r -> ((Number) r.get(key)).intValue()).sum();
    }
}
