package org.geoetl.raster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.storage.JobFiles;
import org.springframework.stereotype.Component;

/**
 * process_raster's whole-raster path, in two checkpointed phases after validation: write the COG
 * with the profile its type and tier call for (checked and stored), then catalogue it. A resumed
 * task skips the COG when its checkpoint says it is stored.
 */
@Component
public class RasterProcessHandler implements TaskHandler {

    private final JobFiles files;
    private final CogConverter converter;
    private final RasterCatalog catalog;

    public RasterProcessHandler(JobFiles files, CogConverter converter, RasterCatalog catalog) {
        this.files = files;
        this.converter = converter;
        this.catalog = catalog;
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
    @SuppressWarnings("unchecked")
    public Map<String, Object> handle(TaskContext context) throws Exception {
        Map<String, Object> job = context.jobParameters();
        Map<String, Object> validation = context.stageResults("validate").get(0);
        String itemId = (String) validation.get("item_id");
        if (context.checkpointPhase() < 1) {
            CogProfile profile = profile(validation, job);
            Path source = files.input(context.jobId(), job);
            Path out = files.jobDir(context.jobId()).resolve("cog.tif");
            Map<String, Object> cog = converter.convert(source, out, CogConverter.arguments(profile, validation, job), job,
                    "cogs/" + job.get("collection_id") + "/" + itemId + ".tif", profile);
            context.checkpoint(1, Map.of("cog", cog));
            context.progress(80, "COG written, checked and stored");
            context.stopIfRequested();
        }
        Map<String, Object> cog = (Map<String, Object>) context.checkpointData().get("cog");
        catalog.publish(new RasterCatalog.Entry(context.jobId(), context.jobType(), (String) job.get("collection_id"),
                itemId, (String) validation.get("source_checksum"), (Map<String, Object>) validation.get("processing"),
                null), job, validation, cog);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cog", cog);
        result.put("stac_item", itemId);
        return result;
    }

    static CogProfile profile(Map<String, Object> validation, Map<String, Object> job) {
        return CogProfile.choose((String) validation.get("raster_type"), (String) job.get("output_tier"),
                (String) validation.get("dtype"), ((Number) job.get("jpeg_quality")).intValue(),
                ((Number) validation.get("bands")).intValue());
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
