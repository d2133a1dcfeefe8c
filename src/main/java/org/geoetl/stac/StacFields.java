package org.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The STAC API fields extension: which attributes of each item a response carries, by dotted path
 * ({@code properties.eo:cloud_cover}, {@code assets.data.href}). No fields: the whole item. Empty
 * include and exclude: the default set, a valid item. Include only: the default set plus those.
 * Exclude only: the whole item less those (as stac-fastapi-pgstac does). Both: what is included
 * and not excluded (so {@code properties} with {@code -properties.foo} drops foo). Property names
 * take the {@code properties.} prefix.
 */
public record StacFields(List<String> include, List<String> exclude) {

    /** What an item keeps when nothing is asked for but fields were given: a valid STAC item. */
    static final List<String> DEFAULTS = List.of("type", "stac_version", "stac_extensions", "id", "collection", "geometry",
            "bbox", "links", "assets", "properties.datetime");
    static final int MAX_FIELDS = 100;
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_:\\-]+(\\.[A-Za-z0-9_:\\-]+)*");

    /** {@code fields=id,-geometry,+properties.x} (null: no fields given). */
    public static StacFields fromQuery(String fields) {
        if (fields == null) {
            return null;
        }
        List<String> include = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        for (String raw : fields.split(",")) {
            String f = raw.trim(); // a '+' arrives as a space when the client did not encode it
            if (f.startsWith("-")) {
                exclude.add(f.substring(1));
            } else if (!f.isEmpty()) {
                include.add(f.startsWith("+") ? f.substring(1) : f);
            }
        }
        return of(include, exclude);
    }

    /** {@code "fields": {"include": [...], "exclude": [...]}} (missing or null: no fields given). */
    public static StacFields fromBody(JsonNode fields) {
        if (fields == null || fields.isNull() || fields.isMissingNode()) {
            return null;
        }
        if (!fields.isObject()) {
            throw new StacSearchException("fields must be an object {include: [...], exclude: [...]}");
        }
        return of(strings(fields, "include"), strings(fields, "exclude"));
    }

    private static List<String> strings(JsonNode fields, String key) {
        JsonNode a = fields.get(key);
        List<String> out = new ArrayList<>();
        if (a == null || a.isNull()) {
            return out;
        }
        if (!a.isArray()) {
            throw new StacSearchException("fields." + key + " must be an array of field names");
        }
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static StacFields of(List<String> include, List<String> exclude) {
        if (include.size() + exclude.size() > MAX_FIELDS) {
            throw new StacSearchException("at most " + MAX_FIELDS + " fields");
        }
        for (String f : concat(include, exclude)) {
            if (!PATH.matcher(f).matches()) {
                throw new StacSearchException("field '" + f + "' is not a dotted path of names ([A-Za-z0-9_:-])");
            }
        }
        return new StacFields(List.copyOf(include), List.copyOf(exclude));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The item as this selection has it (a new node; the item is not changed). */
    public ObjectNode apply(ObjectNode item) {
        ObjectNode out;
        if (include.isEmpty() && !exclude.isEmpty()) {
            out = item.deepCopy();
        } else {
            out = item.objectNode();
            Set<String> wanted = new LinkedHashSet<>(DEFAULTS);
            wanted.addAll(include);
            wanted.forEach(path -> copy(item, out, path.split("\\.")));
        }
        exclude.forEach(path -> remove(out, path.split("\\.")));
        return out;
    }

    private static void copy(JsonNode from, ObjectNode to, String[] path) {
        JsonNode source = from;
        ObjectNode target = to;
        for (int i = 0; i < path.length - 1; i++) {
            source = source.path(path[i]);
            if (!source.isObject()) {
                return; // nothing there: no error, the attribute is simply absent
            }
            JsonNode existing = target.get(path[i]);
            target = existing instanceof ObjectNode o ? o : target.putObject(path[i]);
        }
        JsonNode leaf = source.get(path[path.length - 1]);
        if (leaf != null) {
            target.set(path[path.length - 1], leaf.deepCopy());
        }
    }

    private static void remove(ObjectNode node, String[] path) {
        JsonNode parent = node;
        for (int i = 0; i < path.length - 1; i++) {
            parent = parent.path(path[i]);
        }
        if (parent instanceof ObjectNode o) {
            o.remove(path[path.length - 1]);
        }
    }
}
