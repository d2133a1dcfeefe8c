package org.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.geoetl.engine.params.FieldError;
import org.geoetl.engine.params.ParameterValidationException;
import org.springframework.stereotype.Component;

/**
 * Items and collections written through the API, validated against the STAC 1.0.0 core JSON
 * schemas (item, collection) and GeoJSON's, shipped in {@code stac-schemas/} under the URLs they
 * are published at — nothing is fetched. Extension schemas a document names in
 * {@code stac_extensions} are not checked (they would need the network). The {@code links} the
 * service renders itself may be left out.
 */
@Component
public class StacSchemas {

    static final String STAC = "https://schemas.stacspec.org/v1.0.0/";
    static final String GEOJSON = "https://geojson.org/schema/";
    static final int MAX_ERRORS = 20;

    private final JsonSchema item;
    private final JsonSchema collection;

    public StacSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, b -> b.schemaMappers(m -> m
                .mapPrefix(STAC, "classpath:stac-schemas/schemas.stacspec.org/v1.0.0/")
                .mapPrefix(GEOJSON, "classpath:stac-schemas/geojson.org/schema/")));
        this.item = factory.getSchema(SchemaLocation.of(STAC + "item-spec/json-schema/item.json"));
        this.collection = factory.getSchema(SchemaLocation.of(STAC + "collection-spec/json-schema/collection.json"));
        item.initializeValidators();
        collection.initializeValidators();
    }

    /** A 400 with each problem by its JSON path, prefixed with {@code where} (e.g. {@code features[2]}). */
    public void requireItem(JsonNode doc, String where) {
        check(item, withLinks(doc), where);
    }

    public void requireCollection(JsonNode doc) {
        check(collection, withLinks(doc), "");
    }

    private static JsonNode withLinks(JsonNode doc) {
        if (doc.isObject() && !doc.has("links")) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = doc.deepCopy();
            copy.putArray("links");
            return copy;
        }
        return doc;
    }

    /** {@code $.properties.datetime} as {@code properties.datetime}, under {@code where} when given. */
    static String field(String where, String location) {
        String path = location.replaceFirst("^\\$\\.?", "");
        if (where.isEmpty()) {
            return path.isEmpty() ? "(document)" : path;
        }
        return path.isEmpty() ? where : where + (path.startsWith("[") ? "" : ".") + path;
    }

    private static void check(JsonSchema schema, JsonNode doc, String where) {
        Set<ValidationMessage> messages = schema.validate(doc);
        if (!messages.isEmpty()) {
            List<FieldError> errors = messages.stream()
                    .sorted(Comparator.comparing(m -> m.getInstanceLocation().toString()))
                    .limit(MAX_ERRORS)
                    .map(m -> new FieldError(field(where, m.getInstanceLocation().toString()), m.getMessage()))
                    .toList();
            throw new ParameterValidationException(errors);
        }
    }
}
