package org.geoetl.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.geoetl.error.GeoEtlException;

/**
 * Query parameters arrive as text and are parsed here, so a malformed one is a 400 naming the
 * parameter — never a type-conversion 500, a silently wrapped number or a non-finite value.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** A bad query parameter (400). */
    public static class InvalidParameterException extends GeoEtlException {
        public InvalidParameterException(String name, String expected) {
            super(400, "query parameter '" + name + "' must be " + expected);
        }
    }

    public static int integer(String name, String value, int min, int max, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String expected = "an integer from " + min + " to " + max;
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, expected);
        }
        if (v < min || v > max) {
            throw new InvalidParameterException(name, expected);
        }
        return (int) v;
    }

    /** A nullable integer: null when absent. */
    public static Integer optionalInteger(String name, String value, int min, int max) {
        return value == null || value.isBlank() ? null : integer(name, value, min, max, 0);
    }

    public static long longValue(String name, String value, long min, long max, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameterException(name, "an integer from " + min + " to " + max);
    }

    /** A finite number (NaN, Infinity and 1e999 are refused). */
    public static double finite(String name, String value) {
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // answered below
        }
        throw new InvalidParameterException(name, "a finite number");
    }

    /** An ISO-8601 time with offset, e.g. 2026-01-31T00:00:00Z; null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, "an ISO-8601 time with offset, e.g. 2026-01-31T00:00:00Z");
        }
    }

    public static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidParameterException(name, "true or false");
        };
    }

    /** Text up to {@code max} characters without control characters; null when absent. */
    public static String text(String name, String value, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > max || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidParameterException(name, "text of at most " + max + " printable characters");
        }
        return value;
    }
}
