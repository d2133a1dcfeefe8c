package org.geoetl.raster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.SubmitCheck;
import org.geoetl.engine.params.FieldError;
import org.geoetl.engine.params.ParameterValidationException;
import org.springframework.stereotype.Component;

/** process_raster at submit: the output it would write (an item, or a tile set) must not exist yet, unless overwrite. */
@Component
public class RasterSubmitCheck implements SubmitCheck {

    private final RasterOutputs outputs;
    private final ObjectMapper mapper;

    public RasterSubmitCheck(RasterOutputs outputs, ObjectMapper mapper) {
        this.outputs = outputs;
        this.mapper = mapper;
    }

    @Override
    public boolean appliesTo(String jobType) {
        return "process_raster".equals(jobType);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void check(ObjectNode parameters) {
        if (parameters.path("overwrite").asBoolean(false)) {
            return;
        }
        String collection = parameters.path("collection_id").asText();
        String item = RasterProcessHandler.itemId(mapper.convertValue(parameters, Map.class));
        if (outputs.exists(collection, item)) {
            throw new ParameterValidationException(List.of(new FieldError("item_id", "item " + item
                    + " already exists in collection " + collection + "; set overwrite=true to replace it (a re-run"
                    + " of the same source decides no-change, metadata-only or full reprocess)")));
        }
    }
}
