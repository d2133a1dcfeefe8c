package org.geoetl.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.geoetl.engine.params.FieldError;
import org.geoetl.engine.params.ParameterValidationException;
import org.geoetl.error.GeoEtlException;

/**
 * A data hub's submission ({@code POST /api/platform/submit}, seed PlatformRequest), checked field
 * by field: every error at once, unknown fields refused (never silently dropped).
 */
public record PlatformRequest(String datasetId, String resourceId, String versionId, String containerName,
                              List<String> files, String title, String accessLevel, String description, List<String> tags,
                              JsonNode options) {

    static final Set<String> FIELDS = Set.of("dataset_id", "resource_id", "version_id", "operation", "container_name",
            "file_name", "title", "access_level", "description", "tags", "processing_options", "client_id");
    static final Set<String> OPTIONS = Set.of("overwrite", "table_name", "collection_id", "lat_column", "lon_column",
            "wkt_column", "crs", "raster_type", "output_tier", "output_container");
    static final int MAX_FILES = 20;

    public static PlatformRequest parse(JsonNode b) {
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                errors.add(new FieldError(f, "unknown field"));
            }
        }
        // 100, not the seed's 255: the ids go into app.dataset_refs, whose columns hold 100
        String ds = text(b, "dataset_id", 100, true, errors);
        String rs = text(b, "resource_id", 100, true, errors);
        String ver = text(b, "version_id", 50, true, errors);
        String container = text(b, "container_name", 100, true, errors);
        String operation = b.path("operation").asText("CREATE");
        List<String> files = files(b.get("file_name"), errors);
        String title = text(b, "title", 255, false, errors);
        String access = access(b.path("access_level").asText("OUO"), errors);
        JsonNode options = b.path("processing_options");
        if (!options.isMissingNode() && !options.isObject()) {
            errors.add(new FieldError("processing_options", "must be an object"));
        } else {
            options.fieldNames().forEachRemaining(k -> {
                if (!OPTIONS.contains(k)) {
                    errors.add(new FieldError("processing_options." + k, "unknown option; known: " + new java.util.TreeSet<>(OPTIONS)));
                }
            });
        }
        List<String> tags = new ArrayList<>();
        b.path("tags").forEach(t -> tags.add(t.asText()));
        if (!errors.isEmpty()) {
            throw new ParameterValidationException(errors);
        }
        if (!"CREATE".equalsIgnoreCase(operation)) {
            throw new GeoEtlException(501, "operation " + operation + " is not implemented; submit CREATE, unpublish to remove");
        }
        return new PlatformRequest(ds, rs, ver, container, files, title == null ? ds + " / " + rs + " " + ver : title,
                access, b.path("description").asText(null), tags, options.isObject() ? options : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }

    private static String text(JsonNode b, String field, int max, boolean required, List<FieldError> errors) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "required"));
            }
            return null;
        }
        if (!v.isTextual() || v.asText().length() > max) {
            errors.add(new FieldError(field, "a string of at most " + max + " characters"));
            return null;
        }
        return v.asText();
    }

    private static List<String> files(JsonNode v, List<FieldError> errors) {
        List<String> out = new ArrayList<>();
        if (v != null && v.isTextual() && !v.asText().isBlank()) {
            out.add(v.asText());
        } else if (v != null && v.isArray() && !v.isEmpty() && v.size() <= MAX_FILES) {
            v.forEach(f -> out.add(f.asText()));
        } else {
            errors.add(new FieldError("file_name", "a file name, or a list of 1-" + MAX_FILES + " raster files (a collection)"));
        }
        return out;
    }

    private static String access(String value, List<FieldError> errors) {
        String v = value.toLowerCase(Locale.ROOT).trim();
        if (v.equals("public")) {
            return "public";
        }
        if (v.equals("ouo") || v.equals("official use only")) {
            return "ouo";
        }
        errors.add(new FieldError("access_level", "public, OUO or Official Use Only ('" + value + "' is not accepted)"));
        return null;
    }
}
