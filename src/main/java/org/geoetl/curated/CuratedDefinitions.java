package org.geoetl.curated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.geoetl.error.GeoEtlException;

/**
 * Reads and checks a registry entry from a request body: ids and table names in the service's
 * patterns, a real Quartz cron (UTC), a key for upserts, a schema jobs may write. Anything else is a
 * 400 naming the field.
 */
final class CuratedDefinitions {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,51}");
    private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Set<String> STRATEGIES = Set.of("full_replace", "upsert");

    private CuratedDefinitions() {
    }

    /** A malformed registry entry (400). */
    static class InvalidDefinitionException extends GeoEtlException {
        InvalidDefinitionException(String field, String problem) {
            super(400, field + ": " + problem, java.util.Map.of("field", field));
        }
    }

    static CuratedDataset read(JsonNode b, String id, List<String> schemas, String caller, Instant now, ObjectMapper mapper) {
        if (b == null || !b.isObject()) {
            throw new InvalidDefinitionException("body", "a JSON object is required");
        }
        require("dataset_id", id, ID, "lower case letters, digits, _ or -, starting with a letter");
        String name = text(b, "name", 200, true);
        SourceKind kind = SourceKind.parse(b.path("source_kind").asText()).orElseThrow(() ->
                new InvalidDefinitionException("source_kind", "one of ibat_wdpa, ibat_kba, acled, natural_earth_admin0,"
                        + " natural_earth_admin1, url, manual"));
        String schema = b.path("target_schema").asText("geo");
        if (!schemas.contains(schema)) {
            throw new InvalidDefinitionException("target_schema", "one of " + schemas);
        }
        String table = b.path("target_table").asText();
        require("target_table", table, TABLE, "lower case letters, digits and _, starting with a letter, at most 52");
        String strategy = b.path("update_strategy").asText("full_replace");
        if (!STRATEGIES.contains(strategy)) {
            throw new InvalidDefinitionException("update_strategy", "full_replace or upsert");
        }
        String key = b.hasNonNull("upsert_key") ? b.get("upsert_key").asText() : null;
        if ("upsert".equals(strategy)) {
            require("upsert_key", key, COLUMN, "the column identifying a row, required for upsert");
        }
        String schedule = b.hasNonNull("schedule") ? b.get("schedule").asText() : null;
        if (schedule != null && !org.quartz.CronExpression.isValidExpression(schedule)) {
            throw new InvalidDefinitionException("schedule", "not a Quartz cron expression (seconds minutes hours"
                    + " day-of-month month day-of-week), e.g. \"0 0 3 ? * MON\"");
        }
        JsonNode source = object(b, "source", mapper);
        JsonNode style = object(b, "style", mapper);
        return new CuratedDataset(id, name, text(b, "description", 2000, false), kind, source, schema, table, strategy,
                key, schedule, b.path("enabled").asBoolean(true), b.path("auto_approve").asBoolean(false), style, false,
                caller, now, now, null, null, null, null);
    }

    private static void require(String field, String value, Pattern pattern, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidDefinitionException(field, rule);
        }
    }

    private static String text(JsonNode b, String field, int max, boolean required) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            if (required) {
                throw new InvalidDefinitionException(field, "required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().length() > max) {
            throw new InvalidDefinitionException(field, "text of at most " + max + " characters");
        }
        return v.asText();
    }

    private static JsonNode object(JsonNode b, String field, ObjectMapper mapper) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return mapper.createObjectNode();
        }
        if (!v.isObject() || v.toString().length() > 65_536) {
            throw new InvalidDefinitionException(field, "a JSON object of at most 64 KB");
        }
        return (ObjectNode) v;
    }
}
