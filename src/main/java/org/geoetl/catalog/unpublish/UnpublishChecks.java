package org.geoetl.catalog.unpublish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/** The unpublish jobs' plan at submit: refused early when there is nothing to remove or it is approved. */
@Component
public class UnpublishChecks {

    private final UnpublishPlanner planner;
    private final ObjectMapper mapper;

    public UnpublishChecks(UnpublishPlanner planner, ObjectMapper mapper) {
        this.planner = planner;
        this.mapper = mapper;
    }

    /** The validated parameters of unpublish_vector or unpublish_raster; anything else is ignored. */
    public void atSubmit(ObjectNode parameters) {
        if (parameters.has("table_name")) {
            planner.vector(mapper.convertValue(parameters, UnpublishStages.VectorJob.class));
        } else if (parameters.has("item_id") && parameters.has("collection_id") && !parameters.has("data_type")) {
            planner.raster(mapper.convertValue(parameters, UnpublishStages.RasterJob.class));
        }
    }
}
