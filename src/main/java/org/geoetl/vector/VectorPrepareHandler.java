package org.geoetl.vector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.gdal.OgrSource;
import org.geoetl.gdal.VectorFormat;
import org.springframework.stereotype.Component;

/**
 * process_vector stage 1: fetch and inspect the source, pick the layer, settle the CRS (the file's;
 * else the source_crs parameter; a CSV of coordinates is WGS84 by documented policy; anything else
 * without a CRS fails), launder the column names, plan the chunks, create the staging tables.
 */
@Component
public class VectorPrepareHandler implements TaskHandler {

    /** PostgreSQL's 1,600 columns less the geometry and the service's own columns. */
    static final int MAX_COLUMNS = 1590;

    private final VectorSource sources;
    private final VectorTables tables;

    public VectorPrepareHandler(VectorSource sources, VectorTables tables) {
        this.sources = sources;
        this.tables = tables;
    }

    /**
     * FID ranges only when the ids are dense: a file whose ids are 1 and 2^62 would otherwise plan
     * 10^14 chunks (and overflow). Sparse ids fall back to positions, whose count the features
     * bound. At most 4 chunks per chunk's worth of features, so the plan stays proportional.
     */
    static long[] denseEnough(long[] fids, long features, int chunkSize) {
        if (fids == null || fids[1] < fids[0]) {
            return null;
        }
        long span;
        try {
            span = Math.addExact(Math.subtractExact(fids[1], fids[0]), 1);
        } catch (ArithmeticException e) {
            return null;
        }
        long chunksBySpan = (span + chunkSize - 1) / chunkSize;
        long chunksByCount = (features + chunkSize - 1) / chunkSize;
        return chunksBySpan <= 4 * chunksByCount ? fids : null;
    }

    @Override
    public String taskType() {
        return "vector_prepare";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.HEAVY;
    }

    @Override
    public String description() {
        return "process_vector stage 1: inspects the source, settles the CRS, plans chunks, creates staging tables";
    }

    @Override
    public Class<?> paramsType() {
        return VectorStages.Job.class;
    }

    @Override
    public Map<String, Object> handle(TaskContext context) {
        Map<String, Object> job = context.jobParameters();
        VectorStages.Job params = context.params(VectorStages.Job.class);
        VectorSource.Resolved source = sources.resolve(context.jobId(), job);
        Map<String, Object> result = new LinkedHashMap<>();
        try (OgrSource layer = sources.open(source, job)) {
            String fileCrs = layer.crs();
            String paramCrs = params.sourceCrs();
            String crs;
            if (fileCrs != null && paramCrs != null && fileCrs.startsWith("EPSG:") && !fileCrs.equals(paramCrs)) {
                throw new PermanentTaskException("the file says its CRS is " + fileCrs + " but source_crs is " + paramCrs
                        + "; drop source_crs to use the file's, or fix the file");
            } else if (fileCrs != null) {
                crs = fileCrs;
            } else if (paramCrs != null) {
                crs = paramCrs;
            } else if (source.format() == VectorFormat.CSV) {
                crs = "EPSG:4326"; // documented policy: CSV coordinates are WGS84 longitude/latitude
            } else {
                throw new PermanentTaskException(source.blob() + " has no CRS (e.g. a shapefile without .prj);"
                        + " pass source_crs, e.g. \"EPSG:4326\"");
            }
            List<ColumnNames.Column> columns = ColumnNames.of(layer.fields(),
                    params.columnMapping() == null ? Map.of() : params.columnMapping());
            if (columns.size() > MAX_COLUMNS) {
                throw new PermanentTaskException("layer '" + layer.layerName() + "' has " + columns.size()
                        + " attributes; a PostgreSQL table holds at most " + MAX_COLUMNS + " besides the geometry");
            }
            long features = layer.featureCount();
            if (features <= 0) {
                throw new PermanentTaskException("layer '" + layer.layerName() + "' of " + source.blob() + " has no features");
            }
            // Parallel chunks need cheap access to the middle of the file: FID ranges where the driver
            // filters by FID in its own query engine (GeoPackage), positions where it can jump to a
            // feature; a sequential source (CSV, GeoJSON, KML …) is read in one pass by one task.
            int chunkSize = params.chunkSize();
            List<Map<String, Object>> chunks = new ArrayList<>();
            long[] fids = denseEnough(layer.fidRange(), features, chunkSize);
            if (fids != null) {
                long span = fids[1] - fids[0] + 1;
                for (long i = 0; i * chunkSize < span; i++) {
                    long from = fids[0] + i * chunkSize;
                    chunks.add(Map.of("chunk", i, "fid_from", from, "fid_to", from + chunkSize));
                }
            } else {
                long size = layer.fastRandomAccess() ? chunkSize : features;
                for (long offset = 0, i = 0; offset < features; offset += size, i++) {
                    chunks.add(Map.of("chunk", i, "offset", offset, "count", Math.min(size, features - offset)));
                }
            }
            tables.createStaging(params.schema(), context.jobId(), columns);
            result.put("format", source.format().name());
            String declared = params.fileExtension();
            if (declared != null && !source.format().extension().equals("." + declared)
                    && !(declared.equals("json") && source.format() == VectorFormat.GEOJSON)
                    && !(declared.equals("kmz") && source.format() == VectorFormat.KML)
                    && !(declared.equals("zip") && source.format() == VectorFormat.SHAPEFILE)) {
                result.put("warning", "file_extension says " + declared + " but the content is "
                        + source.format().driver() + "; loaded as " + source.format().driver());
            }
            result.put("driver", source.format().driver());
            result.put("layer", layer.layerName());
            result.put("source_crs", crs);
            result.put("features", features);
            result.put("chunking", fids != null ? "fid ranges" : layer.fastRandomAccess() ? "positions" : "one pass");
            result.put("columns", columns);
            result.put("chunks", chunks);
        }
        return result;
    }
}
