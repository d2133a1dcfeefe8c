package org.geoetl.curated.update;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.vector.VectorPrepareHandler;
import org.springframework.stereotype.Component;

/**
 * curated_dataset_update stage 2: nothing when the source is unchanged (or on a dry run); else the
 * data — a file source into its blob, then process_vector's prepare (format, CRS, columns, chunk
 * plan, staging tables); ACLED's pages into a staging table.
 */
@Component
public class CuratedFetchHandler implements TaskHandler {

    private final SourceFiles sources;
    private final VectorPrepareHandler prepare;
    private final AcledTable acled;
    private final ObjectMapper mapper;

    public CuratedFetchHandler(SourceFiles sources, VectorPrepareHandler prepare, AcledTable acled,
                               ObjectMapper mapper) {
        this.sources = sources;
        this.prepare = prepare;
        this.acled = acled;
        this.mapper = mapper;
    }

    @Override
    public String taskType() {
        return "curated_fetch";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.HEAVY;
    }

    @Override
    public String description() {
        return "curated_dataset_update stage 2: fetches the changed source and prepares the load";
    }

    @Override
    public Class<?> paramsType() {
        return CuratedStages.Job.class;
    }

    @Override
    public Map<String, Object> handle(TaskContext context) {
        CuratedStages.Job job = context.params(CuratedStages.Job.class);
        CuratedStages.Checked c = context.stageResults("check", CuratedStages.Checked.class).get(0);
        if (!c.changed() || job.dryRun()) {
            String reason = job.dryRun() ? "dry run: " + (c.changed() ? "would update (" + c.reason() + ")"
                    : "would skip (" + c.reason() + ")") : c.reason();
            return nothing(reason, c.sourceVersion() != null ? c.sourceVersion() : c.previousVersion());
        }
        if (c.acled()) {
            return acled.fetch(context.jobId(), c);
        }
        Path file = sources.fetch(context.jobId(), c,
                bytes -> context.progress(0, "downloading: " + bytes + " bytes received", bytes, null));
        String version = c.sourceVersion();
        Map<String, Object> result = new LinkedHashMap<>();
        if (file != null) {
            if (version == null) { // a URL: its content is its version
                version = "sha256:" + SourceProbe.sha256(file);
                if (version.equals(c.previousVersion()) && !job.forceUpdate()) {
                    return nothing("source unchanged since the last update (" + version + ")", version);
                }
            }
            result.put("bytes", sources.store(file, c));
        }
        result.putAll(prepare.handle(new VectorView(context, c.vectorParameters(), mapper)));
        result.put("changed", true);
        result.put("reason", c.reason());
        result.put("source_version", version);
        return result;
    }

    private static Map<String, Object> nothing(String reason, String version) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("reason", reason);
        result.put("source_version", version);
        result.put("chunks", List.of());
        return result;
    }
}
