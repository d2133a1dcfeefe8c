package org.geoetl.raster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.storage.JobFiles;
import org.springframework.stereotype.Component;

/**
 * The two checkpointed phases of producing one COG, shared by the whole-raster and the tile
 * handlers: write it with the profile its type and tier call for (checked and stored; checkpoint 1),
 * then catalogue it. A resumed or redelivered task whose checkpoint says the COG is stored only
 * catalogues it, so a finished COG is never written twice. A COG whose job ended meanwhile (a
 * sibling tile failed it) is deleted instead of catalogued: the failure clean-up has already run.
 */
@Component
public class CogTask {

    private final JobFiles files;
    private final CogConverter converter;
    private final RasterCatalog catalog;

    public CogTask(JobFiles files, CogConverter converter, RasterCatalog catalog) {
        this.files = files;
        this.converter = converter;
        this.catalog = catalog;
    }

    /**
     * @param window   extra gdal_translate arguments that cut a tile (empty for the whole raster)
     * @param tileSet  the tile set the COG belongs to, or null for a whole raster
     * @return the COG as stored (layout, grid, size, checksum, where)
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> run(TaskContext context, Map<String, Object> validation, List<String> window,
                                   String localName, String blobName, String itemId, String tileSet) throws Exception {
        Map<String, Object> job = context.jobParameters();
        if (context.checkpointPhase() < 1) {
            CogProfile profile = CogProfile.choose((String) validation.get("raster_type"), (String) job.get("output_tier"),
                    (String) validation.get("dtype"), ((Number) job.get("jpeg_quality")).intValue(),
                    ((Number) validation.get("bands")).intValue());
            List<String> args = new ArrayList<>(CogConverter.arguments(profile, validation, job));
            args.addAll(window);
            Path source = files.input(context.jobId(), job);
            Path out = files.jobDir(context.jobId()).resolve("cogs").resolve(localName);
            context.checkpoint(1, Map.of("cog", converter.convert(source, out, args, job, blobName, profile,
                    f -> context.progress((int) (75 * f), "writing the COG"))));
            context.progress(80, "COG written, checked and stored");
            context.stopIfRequested();
        }
        Map<String, Object> cog = (Map<String, Object>) context.checkpointData().get("cog");
        boolean published = catalog.publish(new RasterCatalog.Entry(context.jobId(), context.jobType(),
                (String) job.get("collection_id"), itemId, (String) validation.get("source_checksum"),
                (Map<String, Object>) validation.get("processing"), tileSet), job, validation, cog);
        if (!published) {
            converter.discard(job, cog);
            throw new PermanentTaskException("job " + context.jobId() + " ended while " + itemId
                    + " was written; the COG is discarded");
        }
        return cog;
    }
}
