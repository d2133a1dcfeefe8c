package org.geoetl.curated.update;

import static org.geoetl.vector.ColumnNames.quote;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.vector.VectorTables;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of {@link AcledTable}'s merge, run inside its transaction: one statement upserts (the
 * newest staged version of each event; a row is "updated" only when a value differs), one deletes
 * withdrawn events (unless ACLED re-published them after the withdrawal).
 */
final class AcledMerge {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AcledMerge() {
    }

    static Map<String, Object> apply(JdbcTemplate jdbc, String schema, String table, String jobId, Long since) {
        String target = quote(schema) + "." + quote(table);
        String events = quote(schema) + "." + quote(VectorTables.staging(jobId, "acled"));
        String deletions = quote(schema) + "." + quote(VectorTables.staging(jobId, "acled_del"));
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + target + " (" + AcledTable.columns() + ")");
        jdbc.execute("CREATE INDEX IF NOT EXISTS " + quote(table + "_geom") + " ON " + target + " USING gist (geom)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS " + quote(table + "_date") + " ON " + target + " (event_date)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS " + quote(table + "_country") + " ON " + target + " (country)");
        List<String> data = new ArrayList<>(List.of("event_date"));
        AcledTable.TEXT.forEach(data::add);
        data.addAll(List.of("latitude", "longitude", "fatalities", "timestamp", "geom"));
        String t = tuple("t", data);
        String s = tuple("src", data);
        Map<String, Object> upsert = jdbc.queryForMap("WITH src AS (SELECT DISTINCT ON (event_id_cnty) * FROM " + events
                + " ORDER BY event_id_cnty, \"timestamp\" DESC),"
                + " ins AS (INSERT INTO " + target + " SELECT src.* FROM src WHERE NOT EXISTS (SELECT 1 FROM " + target
                + " x WHERE x.event_id_cnty = src.event_id_cnty) RETURNING 1),"
                + " upd AS (UPDATE " + target + " t SET " + tuple(null, data) + " = " + s + " FROM src"
                + " WHERE t.event_id_cnty = src.event_id_cnty AND " + t + " IS DISTINCT FROM " + s + " RETURNING 1)"
                + " SELECT (SELECT count(*) FROM src) AS staged, (SELECT count(*) FROM ins) AS inserted,"
                + " (SELECT count(*) FROM upd) AS updated, (SELECT max(\"timestamp\") FROM src) AS newest");
        Map<String, Object> delete = jdbc.queryForMap("WITH del AS (SELECT event_id_cnty, max(deleted_timestamp) AS d"
                + " FROM " + deletions + " GROUP BY event_id_cnty), gone AS (DELETE FROM " + target + " t USING del"
                + " WHERE t.event_id_cnty = del.event_id_cnty AND t.\"timestamp\" <= del.d RETURNING 1)"
                + " SELECT (SELECT count(*) FROM gone) AS deleted, (SELECT max(d) FROM del) AS newest");
        long staged = number(upsert.get("staged"));
        long inserted = number(upsert.get("inserted"));
        long updated = number(upsert.get("updated"));
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("events_fetched", staged);
        counts.put("inserted", inserted);
        counts.put("updated", updated);
        counts.put("unchanged", staged - inserted - updated);
        counts.put("deleted", number(delete.get("deleted")));
        long newest = Math.max(Math.max(number(upsert.get("newest")), number(delete.get("newest"))),
                since == null ? 0 : since);
        counts.put("newest_timestamp", newest == 0 ? null : newest);
        counts.put("rows", jdbc.queryForObject("SELECT count(*) FROM " + target, Long.class));
        return counts;
    }

    private static String tuple(String alias, List<String> columns) {
        return "(" + String.join(", ", columns.stream().map(c -> (alias == null ? "" : alias + ".") + quote(c)).toList())
                + ")";
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    static String write(Map<String, Object> counts) {
        try {
            return JSON.writeValueAsString(counts);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
