package org.geoetl.engine.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a job's parameter schema must pass: each property has a known type, bounds are
 * numbers in order, enums are non-empty lists, defaults fit their property, and {@code required}
 * names declared properties. Errors are added with the path of the offending element.
 */
final class ParameterSchemaCheck {

    static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "array", "object");
    /**
     * The JSON Schema keywords a parameter schema may use. No {@code $ref}, {@code $id} or
     * {@code $schema} (the schema library would fetch what they point at), no combinators.
     */
    static final Set<String> KEYWORDS = Set.of("type", "description", "title", "default", "enum", "const",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern",
            "items", "minItems", "maxItems", "properties", "required", "additionalProperties");
    private static final List<String> BOUNDS = List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "minLength", "maxLength", "minItems", "maxItems");

    private ParameterSchemaCheck() {
    }

    static void check(JsonNode schema, List<DefinitionError> errors) {
        if (schema.isMissingNode() || schema.isNull()) {
            return;
        }
        if (!schema.isObject()) {
            errors.add(new DefinitionError("parameters", "must be a JSON Schema object"));
            return;
        }
        keywords("parameters", schema, errors);
        JsonNode properties = schema.path("properties");
        if (!properties.isMissingNode() && !properties.isObject()) {
            errors.add(new DefinitionError("parameters.properties", "must be an object of parameter schemas"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            property("parameters.properties." + p.getKey(), p.getKey(), p.getValue(), errors);
        }
        JsonNode required = schema.path("required");
        if (!required.isMissingNode()) {
            if (!required.isArray()) {
                errors.add(new DefinitionError("parameters.required", "must be a list of parameter names"));
            } else {
                for (int i = 0; i < required.size(); i++) {
                    if (!properties.has(required.get(i).asText())) {
                        errors.add(new DefinitionError("parameters.required[" + i + "]",
                                "names undeclared parameter '" + required.get(i).asText() + "'"));
                    }
                }
            }
        }
    }

    private static void property(String path, String name, JsonNode p, List<DefinitionError> errors) {
        if (!FanOut.NAME.matcher(name).matches()) {
            errors.add(new DefinitionError(path, "parameter name '" + name + "' must be lower case letters, digits and _"));
        }
        if (!p.isObject()) {
            errors.add(new DefinitionError(path, "must be a schema object"));
            return;
        }
        keywords(path, p, errors);
        if (p.path("items").isObject()) {
            property(path + ".items", "items", p.get("items"), errors);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = p.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> nested = it.next();
            property(path + ".properties." + nested.getKey(), nested.getKey(), nested.getValue(), errors);
        }
        String type = p.path("type").asText("");
        if (!TYPES.contains(type)) {
            errors.add(new DefinitionError(path + ".type", "type '" + type + "' is not one of " + String.join(", ",
                    TYPES.stream().sorted().toList())));
        }
        values(path, p, type, errors);
    }

    /** Bounds are numbers in order, an enum is a non-empty list, and the default fits them and the type. */
    private static void values(String path, JsonNode p, String type, List<DefinitionError> errors) {
        for (String bound : BOUNDS) {
            if (p.has(bound) && !p.get(bound).isNumber()) {
                errors.add(new DefinitionError(path + "." + bound, bound + " must be a number"));
            }
        }
        order(path, p, "minimum", "maximum", errors);
        order(path, p, "minLength", "maxLength", errors);
        order(path, p, "minItems", "maxItems", errors);
        if (p.has("enum") && (!p.get("enum").isArray() || p.get("enum").isEmpty())) {
            errors.add(new DefinitionError(path + ".enum", "enum must be a non-empty list"));
        }
        if (p.has("default") && p.get("enum") != null && p.get("enum").isArray() && !contains(p.get("enum"), p.get("default"))) {
            errors.add(new DefinitionError(path + ".default", "default is not one of the enum values"));
        }
        if (p.has("default") && p.get("default").isNumber()) {
            double d = p.get("default").doubleValue();
            if (p.path("minimum").isNumber() && d < p.get("minimum").doubleValue()
                    || p.path("maximum").isNumber() && d > p.get("maximum").doubleValue()) {
                errors.add(new DefinitionError(path + ".default", "default " + p.get("default") + " is outside minimum..maximum"));
            }
        }
        if (p.has("default") && TYPES.contains(type) && !fits(type, p.get("default"))) {
            errors.add(new DefinitionError(path + ".default", "default is not of type " + type));
        }
    }

    private static void keywords(String path, JsonNode schema, List<DefinitionError> errors) {
        schema.fieldNames().forEachRemaining(k -> {
            if (!KEYWORDS.contains(k)) {
                errors.add(new DefinitionError(path + "." + k, "keyword '" + k + "' is not supported in a parameter schema"));
            }
        });
    }

    private static void order(String path, JsonNode p, String low, String high, List<DefinitionError> errors) {
        if (p.path(low).isNumber() && p.path(high).isNumber() && p.get(low).doubleValue() > p.get(high).doubleValue()) {
            errors.add(new DefinitionError(path + "." + low, low + " " + p.get(low) + " is greater than " + high + " "
                    + p.get(high)));
        }
    }

    private static boolean contains(JsonNode list, JsonNode value) {
        for (JsonNode v : list) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean fits(String type, JsonNode v) {
        return switch (type) {
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()));
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "array" -> v.isArray();
            default -> v.isObject();
        };
    }
}
