package org.geoetl.raster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.SubmitCheck;
import org.geoetl.engine.params.FieldError;
import org.geoetl.engine.params.ParameterValidationException;
import org.springframework.stereotype.Component;

/**
 * process_raster at submit: the output it would write (an item, or a tile set) must not exist yet,
 * unless overwrite — and then it must be the caller's (or the caller an admin); published zones
 * take an admin.
 */
@Component
public class RasterSubmitCheck implements SubmitCheck {

    private final RasterOutputs outputs;
    private final ObjectMapper mapper;
    private final org.geoetl.catalog.OutputRights rights;

    public RasterSubmitCheck(RasterOutputs outputs, ObjectMapper mapper, org.geoetl.catalog.OutputRights rights) {
        this.outputs = outputs;
        this.mapper = mapper;
        this.rights = rights;
    }

    @Override
    public boolean appliesTo(String jobType) {
        return "process_raster".equals(jobType);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void check(ObjectNode parameters) {
        rights.requireZone("output_container", parameters.path("output_container").asText());
        String collection = parameters.path("collection_id").asText();
        String item = RasterProcessHandler.itemId(mapper.convertValue(parameters, Map.class));
        if (parameters.path("overwrite").asBoolean(false)) {
            rights.requireItemOwner(collection, item);
            return;
        }
        if (outputs.exists(collection, item)) {
            throw new ParameterValidationException(List.of(new FieldError("item_id", "item " + item
                    + " already exists in collection " + collection + "; set overwrite=true to replace it (a re-run"
                    + " of the same source decides no-change, metadata-only or full reprocess)")));
        }
    }
}
