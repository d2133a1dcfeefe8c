package org.geoetl.engine.params;

/** One problem with one parameter, as returned in a 400 response. */
public record FieldError(String field, String message) {
}
