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

/**
 * process_vector at submit: the schema is allowed, the blob exists, the table name is not reserved,
 * and the table is free — or, with overwrite, the caller owns it (or is an admin).
 */
@Component
public class VectorSubmitCheck implements SubmitCheck {

    /** Names PostGIS, PostgreSQL or the service use; a table of that name would shadow or break them. */
    static final java.util.Set<String> RESERVED = java.util.Set.of("spatial_ref_sys", "geometry_columns",
            "geography_columns", "raster_columns", "raster_overviews", "table_catalog", "layer", "topology");

    private final StorageAccounts accounts;
    private final VectorTables tables;
    private final GeoEtlProperties properties;
    private final TableOwners owners;

    public VectorSubmitCheck(StorageAccounts accounts, VectorTables tables, GeoEtlProperties properties,
                             TableOwners owners) {
        this.accounts = accounts;
        this.tables = tables;
        this.properties = properties;
        this.owners = owners;
    }

    static String reserved(String table) {
        if (table.startsWith("pg_") || table.startsWith("_") || RESERVED.contains(table)) {
            return "table name '" + table + "' is reserved (pg_…, _…, " + String.join(", ", new java.util.TreeSet<>(RESERVED)) + ")";
        }
        return null;
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
        VectorTables.variants(table).stream().map(VectorSubmitCheck::reserved).filter(java.util.Objects::nonNull)
                .findFirst().ifPresent(why -> errors.add(new FieldError("table_name", why)));
        if (errors.isEmpty()) {
            List<String> existing = VectorTables.variants(table).stream().filter(t -> tables.exists(schema, t)).toList();
            if (!existing.isEmpty() && !p.path("overwrite").asBoolean(false)) {
                errors.add(new FieldError("table_name", "table " + schema + "." + existing.get(0)
                        + " already exists; set overwrite=true to replace it"));
            } else {
                existing.forEach(t -> owners.requireAtSubmit(schema, t));
            }
        }
        if (p.has("lat_name") != p.has("lon_name")) {
            errors.add(new FieldError(p.has("lat_name") ? "lon_name" : "lat_name", "lat_name and lon_name go together"));
        }
        if (!errors.isEmpty()) {
            throw new ParameterValidationException(errors);
        }
    }
}
