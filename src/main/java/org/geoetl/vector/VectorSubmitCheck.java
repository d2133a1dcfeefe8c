package org.geoetl.vector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.SubmitCheck;
import org.geoetl.engine.params.FieldError;
import org.geoetl.engine.params.ParameterValidationException;
import org.geoetl.storage.InvalidBlobNameException;
import org.geoetl.storage.StorageAccounts;
import org.springframework.stereotype.Component;

/** process_vector at submit: the schema is allowed, the blob exists, the table is free unless overwrite. */
@Component
public class VectorSubmitCheck implements SubmitCheck {

    private final StorageAccounts accounts;
    private final VectorTables tables;
    private final GeoEtlProperties properties;

    public VectorSubmitCheck(StorageAccounts accounts, VectorTables tables, GeoEtlProperties properties) {
        this.accounts = accounts;
        this.tables = tables;
        this.properties = properties;
    }

    @Override
    public boolean appliesTo(String jobType) {
        return "process_vector".equals(jobType);
    }

    @Override
    public void check(ObjectNode p) {
        List<FieldError> errors = new ArrayList<>();
        String schema = p.path("schema").asText();
        if (!properties.vector().schemas().contains(schema)) {
            errors.add(new FieldError("schema", "schema '" + schema + "' is not one of " + properties.vector().schemas()));
        }
        try {
            String container = accounts.allowedContainer(p.path("container_name").asText());
            if (!accounts.get(p.path("account").asText(null)).exists(container, p.path("blob_name").asText())) {
                errors.add(new FieldError("blob_name", "'" + p.path("blob_name").asText() + "' not found in container '"
                        + container + "'"));
            }
        } catch (InvalidBlobNameException e) {
            errors.add(new FieldError("container_name", e.getMessage()));
        }
        String table = p.path("table_name").asText();
        if (errors.isEmpty() && !p.path("overwrite").asBoolean(false)) {
            VectorTables.variants(table).stream().filter(t -> tables.exists(schema, t)).findFirst().ifPresent(t ->
                    errors.add(new FieldError("table_name", "table " + schema + "." + t
                            + " already exists; set overwrite=true to replace it")));
        }
        if (p.has("lat_name") != p.has("lon_name")) {
            errors.add(new FieldError(p.has("lat_name") ? "lon_name" : "lat_name", "lat_name and lon_name go together"));
        }
        if (!errors.isEmpty()) {
            throw new ParameterValidationException(errors);
        }
    }
}
