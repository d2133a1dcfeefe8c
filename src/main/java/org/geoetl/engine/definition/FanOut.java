package org.geoetl.engine.definition;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stage's fan-out rule, written in a job definition as one of
 * {@code single}, {@code fixed(n)}, {@code each(source)}, {@code batch(source, size)}, {@code fan_in(stage)}.
 * A count or size is a literal or {@code params.<name>}; a source is {@code params.<name>} (a list
 * parameter), {@code <stage>} (the results of an earlier stage) or {@code <stage>.<field>} (a list
 * field of those results, flattened).
 */
public sealed interface FanOut {

    String text();

    record Single() implements FanOut {
        public String text() {
            return "single";
        }
    }

    record Fixed(Amount count) implements FanOut {
        public String text() {
            return "fixed(" + count.text() + ")";
        }
    }

    record Each(ListSource source) implements FanOut {
        public String text() {
            return "each(" + source.text() + ")";
        }
    }

    record Batch(ListSource source, Amount size) implements FanOut {
        public String text() {
            return "batch(" + source.text() + ", " + size.text() + ")";
        }
    }

    record FanIn(String stage) implements FanOut {
        public String text() {
            return "fan_in(" + stage + ")";
        }
    }

    /** A literal number or a reference to an integer parameter. */
    record Amount(Integer literal, String param) {
        public String text() {
            return literal != null ? literal.toString() : "params." + param;
        }
    }

    /** Where a list comes from: a parameter, or the results (optionally one field) of an earlier stage. */
    record ListSource(String param, String stage, String field) {
        public String text() {
            if (param != null) {
                return "params." + param;
            }
            return field == null ? stage : stage + "." + field;
        }
    }

    Pattern CALL = Pattern.compile("^\\s*(\\w+)\\s*(?:\\((.*)\\))?\\s*$");
    Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    static FanOut parse(String text) {
        Matcher m = CALL.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("fan-out rule '" + text + "' is not of the form name(args)");
        }
        String rule = m.group(1);
        String[] args = m.group(2) == null || m.group(2).isBlank() ? new String[0] : m.group(2).split(",");
        int expected = switch (rule) {
            case "single" -> 0;
            case "fixed", "each", "fan_in" -> 1;
            case "batch" -> 2;
            default -> throw new IllegalArgumentException("unknown fan-out rule '" + rule
                    + "' (expected single, fixed, each, batch or fan_in)");
        };
        if (args.length != expected) {
            throw new IllegalArgumentException(rule + " takes " + expected + " argument(s), got " + args.length);
        }
        return switch (rule) {
            case "single" -> new Single();
            case "fixed" -> new Fixed(amount(args[0]));
            case "each" -> new Each(source(args[0]));
            case "batch" -> new Batch(source(args[0]), amount(args[1]));
            default -> new FanIn(name(args[0].trim()));
        };
    }

    private static Amount amount(String raw) {
        String s = raw.trim();
        if (s.startsWith("params.")) {
            return new Amount(null, name(s.substring("params.".length())));
        }
        try {
            int n = Integer.parseInt(s);
            if (n < 0) {
                throw new IllegalArgumentException("a count must not be negative: " + s);
            }
            return new Amount(n, null);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is neither a number nor params.<name>");
        }
    }

    private static ListSource source(String raw) {
        String s = raw.trim();
        if (s.startsWith("params.")) {
            return new ListSource(name(s.substring("params.".length())), null, null);
        }
        int dot = s.indexOf('.');
        return dot < 0 ? new ListSource(null, name(s), null)
                : new ListSource(null, name(s.substring(0, dot)), name(s.substring(dot + 1)));
    }

    private static String name(String s) {
        if (!NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + s + "' is not a valid name (lower case, digits, _)");
        }
        return s;
    }
}
