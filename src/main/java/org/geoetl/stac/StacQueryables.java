package org.geoetl.stac;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The filter extension's queryables: what a CQL2 filter may name, as JSON Schema. The fixed ones
 * have columns; a collection's also lists the item properties its items carry (with their JSON type).
 */
@Component("stacQueryables")
public class StacQueryables {

    private static final int MAX_PROPERTIES = 500;

    private final StacStore store;
    private final ObjectMapper mapper;
    private final String root;

    public StacQueryables(StacStore store, ObjectMapper mapper, org.geoetl.config.GeoEtlProperties properties) {
        this.store = store;
        this.mapper = mapper;
        this.root = properties.publicUrl() + "/api/stac";
    }

    public ObjectNode global() {
        return schema(root + "/queryables", "Queryables of every collection", null);
    }

    public ObjectNode collection(String collectionId) {
        if (store.collection(collectionId).isEmpty()) {
            throw new org.geoetl.engine.NotFoundException("collection " + collectionId + " not found");
        }
        return schema(root + "/collections/" + collectionId + "/queryables", "Queryables of " + collectionId,
                collectionId);
    }

    private ObjectNode schema(String id, String title, String collectionId) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("$schema", "https://json-schema.org/draft/2019-09/schema");
        doc.put("$id", id);
        doc.put("type", "object");
        doc.put("title", title);
        ObjectNode props = doc.putObject("properties");
        prop(props, "id", "string", null, "Item id");
        prop(props, "collection", "string", null, "Collection id");
        prop(props, "geometry", null, "https://geojson.org/schema/Geometry.json", "Footprint (CRS84)");
        prop(props, "datetime", "string", "date-time", "Start of the item's time (or its single datetime)");
        prop(props, "start_datetime", "string", "date-time", "Start of the item's time");
        prop(props, "end_datetime", "string", "date-time", "End of the item's time");
        prop(props, "app:published", "boolean", null, "Whether the item is published (approved)");
        if (collectionId != null) {
            for (Map.Entry<String, String> e : store.propertyTypes(collectionId, MAX_PROPERTIES).entrySet()) {
                if (!props.has(e.getKey()) && !"null".equals(e.getValue())) {
                    prop(props, e.getKey(), e.getValue(), null, null);
                }
            }
        }
        doc.put("additionalProperties", true);
        return doc;
    }

    private static void prop(ObjectNode props, String name, String type, String format, String description) {
        ObjectNode p = props.putObject(name);
        if (format != null && format.startsWith("https://")) {
            p.put("$ref", format);
        } else {
            if (type != null) {
                p.put("type", type);
            }
            if (format != null) {
                p.put("format", format);
            }
        }
        if (description != null) {
            p.put("description", description);
        }
    }
}
