package org.geoetl.curated.update;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.vector.VectorLoadHandler;
import org.springframework.stereotype.Component;

/**
 * curated_dataset_update stage 3, one task per planned chunk: process_vector's chunk load (every
 * feature loaded, repaired or rejected with a reason, into the staging tables), or the ACLED merge.
 */
@Component
public class CuratedEtlHandler implements TaskHandler {

    private final VectorLoadHandler load;
    private final AcledTable acled;
    private final ObjectMapper mapper;

    public CuratedEtlHandler(VectorLoadHandler load, AcledTable acled, ObjectMapper mapper) {
        this.load = load;
        this.acled = acled;
        this.mapper = mapper;
    }

    @Override
    public String taskType() {
        return "curated_etl";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.HEAVY;
    }

    @Override
    public String description() {
        return "curated_dataset_update stage 3, one task per chunk: the chunk load or the ACLED merge";
    }

    @Override
    public Map<String, Object> handle(TaskContext context) {
        CuratedStages.Checked c = context.stageResults("check", CuratedStages.Checked.class).get(0);
        if (c.acled()) {
            return acled.merge(context.jobId(), c);
        }
        return load.handle(new VectorView(context, c.vectorParameters(), mapper));
    }
}
