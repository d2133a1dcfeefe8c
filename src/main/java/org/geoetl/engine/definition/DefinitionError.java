package org.geoetl.engine.definition;

/**
 * One problem of a job definition: where it is ({@code job_type}, {@code stages[1].fan_out},
 * {@code parameters.properties.n.minimum} — stage indexes are 0-based) and what is wrong, in words.
 */
public record DefinitionError(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
