package org.geoetl.raster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.SubmitCheck;
import org.geoetl.engine.params.FieldError;
import org.geoetl.engine.params.ParameterValidationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** process_raster at submit: the STAC item it would write must not exist yet, unless overwrite. */
@Component
public class RasterSubmitCheck implements SubmitCheck {

    private final JdbcTemplate jdbc;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    public RasterSubmitCheck(JdbcTemplate jdbc, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.jdbc = jdbc;
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
        Long n = jdbc.queryForObject("SELECT count(*) FROM stac.items WHERE collection_id = ? AND id = ?", Long.class,
                collection, item);
        if (n != null && n > 0) {
            throw new ParameterValidationException(List.of(new FieldError("item_id", "item " + item
                    + " already exists in collection " + collection + "; set overwrite=true to replace it")));
        }
    }
}
