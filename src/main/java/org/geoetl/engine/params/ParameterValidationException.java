package org.geoetl.engine.params;

import java.util.List;

/** Submitted parameters do not match the job type's schema; carries every field-level problem. */
public class ParameterValidationException extends org.geoetl.error.GeoEtlException {

    private final List<FieldError> errors;

    public ParameterValidationException(List<FieldError> errors) {
        super(400, "invalid parameters", java.util.Map.of("errors", List.copyOf(errors)));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
