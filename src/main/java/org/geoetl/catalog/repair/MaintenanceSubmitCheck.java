package org.geoetl.catalog.repair;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.SubmitCheck;
import org.geoetl.engine.params.FieldError;
import org.geoetl.engine.params.ParameterValidationException;
import org.geoetl.security.AccessRefusedException;
import org.geoetl.security.Callers;
import org.geoetl.security.Role;
import org.springframework.stereotype.Component;

/**
 * Catalog maintenance jobs (rebuild_stac, unpublish_vector, unpublish_raster) at submit: they act on
 * data whoever produced it, so a caller needs the operator role (the consistency run's auto-heal
 * submits without a caller); a vector schema must be one of geoetl.vector.schemas. An unpublish
 * with nothing to remove is a 404, one of approved data without force_approved a 409.
 */
@Component
public class MaintenanceSubmitCheck implements SubmitCheck {

    static final Set<String> JOB_TYPES = Set.of("rebuild_stac", "unpublish_vector", "unpublish_raster");

    private final Callers callers;
    private final List<String> schemas;
    private final org.geoetl.catalog.unpublish.UnpublishChecks unpublish;

    public MaintenanceSubmitCheck(Callers callers, GeoEtlProperties properties,
                                  org.geoetl.catalog.unpublish.UnpublishChecks unpublish) {
        this.callers = callers;
        this.schemas = properties.vector().schemas();
        this.unpublish = unpublish;
    }

    @Override
    public boolean appliesTo(String jobType) {
        return JOB_TYPES.contains(jobType);
    }

    @Override
    public void check(ObjectNode parameters) {
        if (callers.current().isPresent() && !callers.has(Role.OPERATOR) && !callers.has(Role.ADMIN)) {
            throw new AccessRefusedException(403, "catalog maintenance jobs act on anyone's data; they need the operator role");
        }
        String schema = parameters.path("schema").asText(null);
        if (schema != null && !schemas.contains(schema)) {
            throw new ParameterValidationException(List.of(new FieldError("schema", "schema '" + schema + "' is not one of "
                    + schemas)));
        }
        unpublish.atSubmit(parameters);
    }
}
