package org.geoetl.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stage's optional {@code run_if}: {@code params.<name>} (a boolean) or
 * {@code params.<name> <op> <integer>} with op one of == != > >= < <=. A stage whose condition is
 * false plans no tasks and so completes at once.
 */
public record StageCondition(String param, String op, Long value) {

    private static final Pattern FORM = Pattern.compile("^\\s*params\\.([a-z][a-z0-9_]*)\\s*(?:(==|!=|>=|<=|>|<)\\s*(-?\\d+))?\\s*$");

    public static StageCondition parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("run_if '" + text + "' must be params.<name> or params.<name> <op> <integer>");
        }
        return new StageCondition(m.group(1), m.group(2), m.group(3) == null ? null : Long.parseLong(m.group(3)));
    }

    public boolean test(JsonNode params) {
        JsonNode v = params.get(param);
        if (op == null) {
            return v != null && v.asBoolean(false);
        }
        if (v == null || !v.isNumber()) {
            return false;
        }
        long x = v.longValue();
        return switch (op) {
            case "==" -> x == value;
            case "!=" -> x != value;
            case ">" -> x > value;
            case ">=" -> x >= value;
            case "<" -> x < value;
            default -> x <= value;
        };
    }

    public String text() {
        return "params." + param + (op == null ? "" : " " + op + " " + value);
    }
}
