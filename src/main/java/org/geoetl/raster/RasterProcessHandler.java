package org.geoetl.raster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.springframework.stereotype.Component;

/** process_raster's whole-raster path: one COG of the whole output grid ({@link CogTask}). */
@Component
public class RasterProcessHandler implements TaskHandler {

    private final CogTask cogTask;

    public RasterProcessHandler(CogTask cogTask) {
        this.cogTask = cogTask;
    }

    @Override
    public String taskType() {
        return "raster_process";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.HEAVY;
    }

    @Override
    public String description() {
        return "process_raster: one COG of the whole output grid";
    }

    @Override
    public Map<String, Object> handle(TaskContext context) throws Exception {
        Map<String, Object> validation = context.stageResults("validate").get(0);
        String itemId = (String) validation.get("item_id");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cog", cogTask.run(context, validation, List.of(), "whole.tif",
                "cogs/" + context.jobParameters().get("collection_id") + "/" + itemId + ".tif", itemId, null));
        result.put("stac_item", itemId);
        return result;
    }

    /** The name of the raster's output: item_id, else the blob's file name laundered to an id. */
    static String itemId(Map<String, Object> job) {
        Object id = job.get("item_id");
        if (id != null) {
            return (String) id;
        }
        String blob = (String) job.get("blob_name");
        String stem = blob.substring(blob.lastIndexOf('/') + 1).replaceFirst("\\.[^.]*$", "");
        return stem.toLowerCase().replaceAll("[^a-z0-9_-]", "-");
    }
}
