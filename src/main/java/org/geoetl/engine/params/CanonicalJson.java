package org.geoetl.engine.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * One canonical text per parameter set, so equal parameters always hash to the same job id:
 * object keys sorted, no whitespace, numbers in their shortest exact form (3, 3.0 and 3.00 are one value).
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String of(JsonNode node, Set<String> excludedTopLevelKeys) {
        StringBuilder out = new StringBuilder();
        if (node.isObject() && !excludedTopLevelKeys.isEmpty()) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            copy.remove(excludedTopLevelKeys);
            node = copy;
        }
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(JsonNodeFactory.instance.textNode(keys.get(i)).toString()).append(':');
                write(node.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            BigDecimal d = node.decimalValue().stripTrailingZeros();
            out.append(d.scale() <= 0 ? d.toBigIntegerExact().toString() : d.toPlainString());
        } else {
            out.append(node.toString());
        }
    }
}
