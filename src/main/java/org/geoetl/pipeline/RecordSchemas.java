package org.geoetl.pipeline;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * JSON Schema (2020-12 vocabulary) of the typed records handlers read and return, derived by
 * reflection through Jackson's own view of the type — so property names follow {@code @JsonNaming}
 * and {@code @JsonProperty} exactly as the engine's mapper writes them. Records become objects
 * (nested ones inline), collections arrays, maps objects with typed values, enums string enums;
 * {@code Optional<T>} is T, not required; primitive components are required.
 */
public final class RecordSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private RecordSchemas() {
    }

    /** The schema of this type; {@code {}} (anything) for none. */
    public static ObjectNode of(Class<?> type) {
        return type == null ? MAPPER.createObjectNode() : schema(MAPPER.constructType(type), new HashSet<>());
    }

    private static ObjectNode schema(JavaType type, Set<Class<?>> open) {
        ObjectNode s = MAPPER.createObjectNode();
        Class<?> raw = type.getRawClass();
        if (type.isReferenceType() || raw == Optional.class) {
            return schema(type.getReferencedType() != null ? type.getReferencedType() : type.containedTypeOrUnknown(0), open);
        }
        if (raw == String.class || CharSequence.class.isAssignableFrom(raw) || raw == char.class || raw == Character.class
                || raw == java.util.UUID.class) {
            return s.put("type", "string");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return s.put("type", "boolean");
        }
        if (raw == int.class || raw == long.class || raw == short.class || raw == byte.class || raw == Integer.class
                || raw == Long.class || raw == Short.class || raw == Byte.class || raw == java.math.BigInteger.class) {
            return s.put("type", "integer");
        }
        if (raw == double.class || raw == float.class || Number.class.isAssignableFrom(raw)) {
            return s.put("type", "number");
        }
        if (raw.isEnum()) {
            ArrayNode values = s.put("type", "string").putArray("enum");
            for (Object c : raw.getEnumConstants()) {
                values.add(MAPPER.valueToTree(c).asText());
            }
            return s;
        }
        if (Temporal.class.isAssignableFrom(raw) || raw == java.util.Date.class) {
            return s.put("type", "string").put("format", raw == LocalDate.class ? "date" : "date-time");
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            s.put("type", "array").set("items", schema(type.getContentType(), open));
            return s;
        }
        if (type.isMapLikeType()) {
            s.put("type", "object").set("additionalProperties", schema(type.getContentType(), open));
            return s;
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || raw.isInterface()) {
            return s; // anything
        }
        return object(type, open);
    }

    private static ObjectNode object(JavaType type, Set<Class<?>> open) {
        ObjectNode s = MAPPER.createObjectNode().put("type", "object");
        if (!open.add(type.getRawClass())) {
            return s; // a recursive type: its inner occurrences stay open
        }
        s.put("title", type.getRawClass().getSimpleName());
        BeanDescription description = MAPPER.getSerializationConfig().introspect(type);
        ObjectNode properties = s.putObject("properties");
        ArrayNode required = MAPPER.createArrayNode();
        for (BeanPropertyDefinition p : description.findProperties()) {
            JavaType t = p.getPrimaryType();
            properties.set(p.getName(), schema(t, open));
            if (t.isPrimitive()) {
                required.add(p.getName());
            }
        }
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        open.remove(type.getRawClass());
        return s;
    }
}
