package org.geoetl.raster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconst;
import org.gdal.osr.SpatialReference;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.gdal.GdalException;
import org.geoetl.gdal.GdalRuntime;
import org.geoetl.storage.Checksums;
import org.geoetl.storage.JobFiles;
import org.springframework.stereotype.Component;

/**
 * Stage 1 of process_raster: validate the header and infer the type ({@link RasterInspector}),
 * checksum the source, work out the output pixel grid (reprojected when {@code target_crs} asks),
 * choose single or tiled from the sizes, and decide what an earlier run's output means
 * ({@link RerunDecision}). Its result carries the work lists the later stages fan out over:
 * {@code single} (the whole raster, or nothing) and {@code tiles}.
 */
@Component
public class RasterValidateHandler implements TaskHandler {

    private final JobFiles files;
    private final GdalRuntime gdalRuntime;
    private final RasterOutputs outputs;
    private final GeoEtlProperties.Raster settings;

    public RasterValidateHandler(JobFiles files, GdalRuntime gdalRuntime, RasterOutputs outputs,
                                 GeoEtlProperties properties) {
        this.files = files;
        this.gdalRuntime = gdalRuntime;
        this.outputs = outputs;
        this.settings = properties.raster();
    }

    @Override
    public String taskType() {
        return "raster_validate";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.HEAVY;
    }

    @Override
    public String description() {
        return "process_raster stage 1: validates the header, infers the type, checksums, chooses single or tiled";
    }

    @Override
    public Map<String, Object> handle(TaskContext context) throws Exception {
        Map<String, Object> job = context.jobParameters();
        Path file = files.input(context.jobId(), job);
        Map<String, Object> result = new LinkedHashMap<>(RasterInspector.inspect(gdalRuntime, file,
                (String) job.get("blob_name"), settings.maxPixels(), (String) job.get("input_crs"),
                (String) job.get("raster_type")));
        context.progress(40, "header validated, type inferred");
        Map<String, Object> grid = outputGrid(file, result, (String) job.get("target_crs"));
        int bands = ((Number) result.get("bands")).intValue();
        int bytesPerSample = gdal.GetDataTypeSize(gdal.GetDataTypeByName((String) result.get("dtype"))) / 8;
        int gridW = ((Number) grid.get("width")).intValue();
        int gridH = ((Number) grid.get("height")).intValue();
        long fileBytes = Files.size(file);
        long uncompressed = (long) gridW * gridH * bands * bytesPerSample;
        // the estimate on the output grid (a reprojection changes it), the one the strategy is chosen by
        result.put("memory_estimate_mb", uncompressed / (1024 * 1024));
        TilingPlan.Strategy strategy = TilingPlan.strategy(fileBytes, uncompressed, settings.tilingThreshold().toBytes());
        int side = TilingPlan.tileSide(settings.tileTarget().toBytes(), bands, bytesPerSample);

        Map<String, Object> processing = new LinkedHashMap<>();
        processing.put("raster_type", result.get("raster_type"));
        processing.put("output_tier", job.get("output_tier"));
        processing.put("jpeg_quality", job.get("jpeg_quality"));
        processing.put("input_crs", job.get("input_crs"));
        processing.put("target_crs", job.get("target_crs"));
        processing.put("layout", strategy.tiled() ? "tiled/" + side : "single");

        String sourceChecksum = Checksums.sha256Multihash(file);
        context.progress(80, "source checksummed");
        String collection = (String) job.get("collection_id");
        String name = RasterProcessHandler.itemId(job);
        RerunDecision.Previous previous = outputs.previous(collection, name);
        if (previous != null && !Boolean.TRUE.equals(job.get("overwrite"))) {
            throw new PermanentTaskException(name + " already exists in collection " + collection
                    + "; set overwrite=true to replace it");
        }
        Map<String, String> descriptive = new LinkedHashMap<>();
        descriptive.put("title", (String) job.get("title"));
        descriptive.put("description", (String) job.get("description"));
        descriptive.put("license", (String) job.get("license"));
        RerunDecision decision = RerunDecision.decide(previous, sourceChecksum, processing, descriptive);

        result.put("item_id", name);
        result.put("source_checksum", sourceChecksum);
        result.put("source_bytes", fileBytes);
        result.put("strategy", strategy.name());
        result.put("strategy_reason", strategy.reason());
        result.put("decision", decision.decision());
        result.put("decision_reason", decision.reason());
        result.put("processing", processing);
        result.put("grid", grid);
        boolean converts = decision.converts();
        result.put("single", converts && !strategy.tiled() ? List.of(Map.of("item_id", name)) : List.of());
        result.put("tiles", converts && strategy.tiled()
                ? TilingPlan.asMaps(TilingPlan.tiles(gridW, gridH, side)) : List.of());
        if (strategy.tiled()) {
            result.put("tile_side", side);
        }
        return result;
    }

    /**
     * The pixel grid of the output: the source's, or — when target_crs reprojects — the grid GDAL
     * suggests for the warp, so that tiles can be cut in output space and still fit together.
     */
    static Map<String, Object> outputGrid(Path file, Map<String, Object> inspection, String targetCrs) {
        Map<String, Object> grid = new LinkedHashMap<>();
        String crs = (String) inspection.get("crs");
        if (targetCrs == null || targetCrs.equals(crs)) {
            grid.put("width", inspection.get("width"));
            grid.put("height", inspection.get("height"));
            grid.put("transform", inspection.get("transform"));
            grid.put("crs", crs);
            grid.put("reprojected", false);
            return grid;
        }
        Dataset src = gdal.OpenEx(file.toString(), gdalconst.OF_RASTER | gdalconst.OF_READONLY,
                new Vector<>(List.of("GTiff")), null);
        Dataset warped = null;
        try {
            warped = gdal.AutoCreateWarpedVRT(src, wkt(crs), wkt(targetCrs), gdalconst.GRA_NearestNeighbour, 0.125);
            if (warped == null) {
                throw new PermanentTaskException("cannot reproject from " + crs + " to " + targetCrs + ": "
                        + gdal.GetLastErrorMsg());
            }
            grid.put("width", warped.getRasterXSize());
            grid.put("height", warped.getRasterYSize());
            grid.put("transform", Arrays.stream(warped.GetGeoTransform()).boxed().toList());
            grid.put("crs", targetCrs);
            grid.put("reprojected", true);
            return grid;
        } finally {
            if (warped != null) {
                warped.delete();
            }
            src.delete();
        }
    }

    private static String wkt(String crs) {
        if (!crs.startsWith("EPSG:")) {
            return crs;
        }
        SpatialReference srs = new SpatialReference();
        try {
            if (srs.ImportFromEPSG(Integer.parseInt(crs.substring(5))) != 0) {
                throw new GdalException("unknown CRS " + crs);
            }
            return srs.ExportToWkt();
        } finally {
            srs.delete();
        }
    }
}
