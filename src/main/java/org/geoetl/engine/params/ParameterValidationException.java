package org.geoetl.engine.params;

import java.util.List;

/** Submitted parameters do not match the job type's schema; carries every field-level problem. */
public class ParameterValidationException extends RuntimeException {

    private final List<FieldError> errors;

    public ParameterValidationException(List<FieldError> errors) {
        super("invalid parameters: " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
