package org.geoetl.engine.definition;

import java.util.List;
import java.util.stream.Collectors;

/** A job definition with at least one error; carries all of them. */
public class InvalidDefinitionException extends IllegalArgumentException {

    private final transient List<DefinitionError> errors;

    public InvalidDefinitionException(List<DefinitionError> errors) {
        super(errors.stream().map(DefinitionError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<DefinitionError> errors() {
        return errors;
    }
}
