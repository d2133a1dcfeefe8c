package org.geoetl.stac.cql2;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** CQL2 JSON ({"op": …, "args": […]}) into a {@link Cql2.Expr}. */
public final class Cql2Json {

    private static final Set<String> COMPARE = Set.of("=", "<>", "<", "<=", ">", ">=");
    private static final int MAX_DEPTH = 50;

    private Cql2Json() {
    }

    public static Cql2.Expr parse(JsonNode node) {
        return expr(node, "filter", 0);
    }

    private static Cql2.Expr expr(JsonNode n, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new Cql2Exception("the filter nests deeper than " + MAX_DEPTH + " levels");
        }
        if (n.isBoolean()) {
            return new Cql2.Literal(n.booleanValue());
        }
        if (!n.isObject() || !n.path("op").isTextual()) {
            throw new Cql2Exception(path + ": expected an object with \"op\" and \"args\"");
        }
        String op = n.get("op").asText().toLowerCase(Locale.ROOT);
        JsonNode args = n.path("args");
        if (!args.isArray()) {
            throw new Cql2Exception(path + ": \"args\" must be an array");
        }
        String at = path + "." + op;
        return switch (op) {
            case "and", "or" -> {
                List<Cql2.Expr> list = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    list.add(expr(args.get(i), at + "[" + i + "]", depth + 1));
                }
                if (list.size() < 2) {
                    throw new Cql2Exception(at + ": needs at least two arguments");
                }
                yield op.equals("and") ? new Cql2.And(list) : new Cql2.Or(list);
            }
            case "not" -> new Cql2.Not(expr(arity(args, 1, at).get(0), at + "[0]", depth + 1));
            case "like" -> new Cql2.Like(operand(arity(args, 2, at).get(0), at), operand(args.get(1), at));
            case "between" -> new Cql2.Between(operand(arity(args, 3, at).get(0), at), operand(args.get(1), at),
                    operand(args.get(2), at));
            case "in" -> {
                JsonNode list = arity(args, 2, at).get(1);
                if (!list.isArray() || list.isEmpty()) {
                    throw new Cql2Exception(at + ": the second argument must be a non-empty array");
                }
                List<Cql2.Operand> values = new ArrayList<>();
                list.forEach(v -> values.add(operand(v, at)));
                yield new Cql2.In(operand(args.get(0), at), values);
            }
            case "isnull" -> new Cql2.IsNull(operand(arity(args, 1, at).get(0), at));
            default -> {
                if (COMPARE.contains(op)) {
                    yield new Cql2.Compare(op, operand(arity(args, 2, at).get(0), at), operand(args.get(1), at));
                }
                if (Cql2Sql.SPATIAL.containsKey(op)) {
                    yield new Cql2.Spatial(op, operand(arity(args, 2, at).get(0), at), operand(args.get(1), at));
                }
                if (Cql2Sql.TEMPORAL.contains(op)) {
                    yield new Cql2.Temporal(op, operand(arity(args, 2, at).get(0), at), operand(args.get(1), at));
                }
                throw new Cql2Exception(path + ": unknown operator '" + op + "'");
            }
        };
    }

    private static JsonNode arity(JsonNode args, int n, String at) {
        if (args.size() != n) {
            throw new Cql2Exception(at + ": takes " + n + " argument" + (n == 1 ? "" : "s") + ", got " + args.size());
        }
        return args;
    }

    private static Cql2.Operand operand(JsonNode v, String at) {
        if (v.isTextual()) {
            return new Cql2.Text(v.asText());
        }
        if (v.isNumber()) {
            return new Cql2.Number(new BigDecimal(v.asText()));
        }
        if (v.isBoolean()) {
            return new Cql2.Bool(v.booleanValue());
        }
        if (v.isObject()) {
            if (v.has("property")) {
                return new Cql2.Property(Cql2Text.propertyName(v.path("property").asText(""), at));
            }
            if (v.has("timestamp") || v.has("date")) {
                return new Cql2.Instant(Cql2Times.instant(v.has("timestamp") ? v.get("timestamp").asText()
                        : v.get("date").asText(), at));
            }
            if (v.has("interval")) {
                JsonNode i = v.get("interval");
                if (!i.isArray() || i.size() != 2) {
                    throw new Cql2Exception(at + ": an interval is [start, end]");
                }
                return Cql2Times.interval(i.get(0).asText(), i.get(1).asText(), at);
            }
            if (v.has("bbox")) {
                return Cql2Geometries.bbox(v.get("bbox"), at);
            }
            if (v.has("type") && (v.has("coordinates") || v.has("geometries"))) {
                return Cql2Geometries.geojson(v, at);
            }
        }
        throw new Cql2Exception(at + ": unsupported argument " + abbreviate(v.toString()));
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
