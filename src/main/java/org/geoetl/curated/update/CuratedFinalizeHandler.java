package org.geoetl.curated.update;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.curated.CuratedDatasetRepository;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.vector.VectorFinalizeHandler;
import org.springframework.stereotype.Component;

/**
 * curated_dataset_update stage 4: process_vector's finalize (accounting check, indexes, the atomic
 * swap — readers see the old table or the whole new one —, metadata, STAC item) or ACLED's
 * catalogue entry; then the registry (last update, job, source version) and the update log with
 * its counts. A run that fetched nothing ends here as {@code skipped} and changes no data.
 */
@Component
public class CuratedFinalizeHandler implements TaskHandler {

    private static final List<String> VECTOR_COUNTS = List.of("features_read", "features_loaded",
            "features_repaired", "features_rejected");

    private final VectorFinalizeHandler vector;
    private final AcledTable acled;
    private final CuratedDatasetRepository registry;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final org.geoetl.telemetry.Meters meters;

    public CuratedFinalizeHandler(VectorFinalizeHandler vector, AcledTable acled, CuratedDatasetRepository registry,
                                  ObjectMapper mapper, Clock clock, org.geoetl.telemetry.Meters meters) {
        this.meters = meters;
        this.vector = vector;
        this.acled = acled;
        this.registry = registry;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public String taskType() {
        return "curated_finalize";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.HEAVY;
    }

    @Override
    public String description() {
        return "curated_dataset_update stage 4: finalize the load and record the update in the registry";
    }

    @Override
    public Class<?> paramsType() {
        return CuratedStages.Job.class;
    }

    @Override
    public Map<String, Object> handle(TaskContext context) {
        CuratedStages.Job job = context.params(CuratedStages.Job.class);
        CuratedStages.Checked c = context.stageResults("check", CuratedStages.Checked.class).get(0);
        CuratedStages.Fetched f = context.stageResults("fetch", CuratedStages.Fetched.class).get(0);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dataset_id", c.datasetId());
        result.put("update_type", job.updateType());
        if (f.skipped()) {
            result.put("outcome", "skipped");
            result.put("reason", f.reason());
            result.put("source_version", f.sourceVersion());
            if (registry.logFinished(context.jobId(), "skipped", f.sourceVersion(), "{}", f.reason(), clock.instant())) {
                meters.curatedUpdate(c.datasetId(), "skipped");
            }
            return result;
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        String version = f.sourceVersion();
        if (c.acled()) {
            AcledTable.Finished done = acled.finish(context, c);
            result.putAll(done.result());
            counts.putAll(done.counts());
            version = done.sourceVersion();
        } else {
            Map<String, Object> loaded = vector.handle(new VectorView(context, c.vectorParameters(), mapper));
            result.putAll(loaded);
            VECTOR_COUNTS.forEach(k -> counts.put(k, loaded.get(k)));
        }
        result.put("outcome", "updated");
        result.put("source_version", version);
        result.put("counts", counts);
        registry.recordUpdate(c.datasetId(), context.jobId(), version, clock.instant());
        if (registry.logFinished(context.jobId(), "completed", version, write(counts), f.reason(), clock.instant())) {
            meters.curatedUpdate(c.datasetId(), "updated");
        }
        return result;
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
