package org.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geoetl.engine.store.JsonColumns;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The stac schema: collections and items stored as JSONB (without links, which are rendered per
 * request) with geometry and datetime range in indexed columns. Writes are bulk upserts by
 * (collection, id), so registering the same items again changes nothing but their content.
 */
@Repository
public class StacStore {

    static final int BATCH = 1000;

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;
    private final org.springframework.context.ApplicationEventPublisher events;

    public StacStore(NamedParameterJdbcTemplate jdbc, JsonColumns json,
                     org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    public void upsertCollection(JsonNode collection, String jobId) {
        ObjectNode stored = withoutLinks(collection);
        jdbc.update("""
                INSERT INTO stac.collections (id, content, job_id) VALUES (:id, CAST(:c AS jsonb), :job)
                ON CONFLICT (id) DO UPDATE SET content = EXCLUDED.content, job_id = COALESCE(EXCLUDED.job_id,
                    stac.collections.job_id), updated_at = now()""",
                new MapSqlParameterSource("id", stored.path("id").asText()).addValue("c", json.write(stored))
                        .addValue("job", jobId));
    }

    /** An item's content without the marks publication and revocation leave on it. */
    private static String unmarked(String content) {
        return "(" + content + " #- '{properties,app:published_at}' #- '{properties,app:approved_by}'"
                + " #- '{properties,app:revoked}' #- '{properties,app:revoked_at}' #- '{properties,app:revoked_by}'"
                + " #- '{properties,app:revocation_reason}')";
    }

    /**
     * Upserts items of one collection in batches; returns how many were written. An item written
     * again unchanged keeps its publication; a published item whose content changes (an asset
     * href, its geometry, anything) becomes unpublished, and its approval is reopened
     * ({@link PublishedItemsChanged}): approval covers what was reviewed, not what came later.
     */
    public int upsertItems(String collectionId, List<? extends JsonNode> items, String jobId) {
        int written = 0;
        java.util.Set<String> reopened = new java.util.TreeSet<>();
        for (int from = 0; from < items.size(); from += BATCH) {
            ArrayNode batch = json.mapper().createArrayNode();
            items.subList(from, Math.min(items.size(), from + BATCH)).forEach(i -> batch.add(withoutLinks(i)));
            MapSqlParameterSource p = new MapSqlParameterSource("collection", collectionId)
                    .addValue("items", json.write(batch)).addValue("job", jobId);
            reopened.addAll(jdbc.queryForList("SELECT DISTINCT s.job_id FROM stac.items s"
                    + " JOIN jsonb_array_elements(CAST(:items AS jsonb)) i ON s.collection_id = :collection AND s.id = i->>'id'"
                    + " WHERE s.published AND s.job_id IS NOT NULL AND " + unmarked("s.content") + " IS DISTINCT FROM "
                    + unmarked("i"), p, String.class));
            written += jdbc.update("""
                    INSERT INTO stac.items (collection_id, id, content, geometry, start_datetime, end_datetime, job_id)
                    SELECT :collection, i->>'id', i,
                           CASE WHEN jsonb_typeof(i->'geometry') = 'object'
                                THEN ST_SetSRID(ST_GeomFromGeoJSON(i->>'geometry'), 4326) END,
                           COALESCE((i->'properties'->>'start_datetime')::timestamptz, (i->'properties'->>'datetime')::timestamptz),
                           COALESCE((i->'properties'->>'end_datetime')::timestamptz, (i->'properties'->>'datetime')::timestamptz),
                           :job
                      FROM jsonb_array_elements(CAST(:items AS jsonb)) i
                    ON CONFLICT (collection_id, id) DO UPDATE
                       SET content = CASE WHEN %1$s THEN stac.items.content ELSE EXCLUDED.content END,
                           published = stac.items.published AND %1$s,
                           geometry = EXCLUDED.geometry,
                           start_datetime = EXCLUDED.start_datetime, end_datetime = EXCLUDED.end_datetime,
                           job_id = COALESCE(EXCLUDED.job_id, stac.items.job_id), updated_at = now()"""
                            .formatted(unmarked("stac.items.content") + " = " + unmarked("EXCLUDED.content")), p);
        }
        if (!reopened.isEmpty()) {
            events.publishEvent(new PublishedItemsChanged(List.copyOf(reopened)));
        }
        return written;
    }

    /** Publishes every item a job registered (an approval), stamping who approved it and when. */
    public int publishJob(String jobId, String reviewer) {
        return jdbc.update("""
                UPDATE stac.items SET published = true, updated_at = now(),
                       content = jsonb_set(content, '{properties}', content->'properties'
                                 || jsonb_build_object('app:published_at', now(), 'app:approved_by', CAST(:r AS text)))
                 WHERE job_id = :job""", Map.of("job", jobId, "r", reviewer));
    }

    /** Takes back the publication of every item a job registered (a revoked approval), saying who and why. */
    public int revokeJob(String jobId, String reviewer, String reason) {
        return jdbc.update("""
                UPDATE stac.items SET published = false, updated_at = now(),
                       content = jsonb_set(content, '{properties}', content->'properties'
                                 || jsonb_build_object('app:revoked', true, 'app:revoked_at', now(),
                                                       'app:revoked_by', CAST(:r AS text),
                                                       'app:revocation_reason', CAST(:why AS text)))
                 WHERE job_id = :job""", Map.of("job", jobId, "r", reviewer, "why", reason));
    }

    /**
     * Merges properties into these items of one collection. Like any change, it unpublishes a
     * published item it alters (and reopens that approval); merging what an item already says changes nothing.
     */
    public int mergeProperties(String collectionId, List<String> itemIds, Map<String, ?> properties) {
        if (itemIds.isEmpty()) {
            return 0;
        }
        MapSqlParameterSource p = new MapSqlParameterSource("collection", collectionId).addValue("ids", itemIds)
                .addValue("props", json.write(properties));
        List<String> reopened = jdbc.queryForList("SELECT DISTINCT job_id FROM stac.items WHERE collection_id = :collection"
                + " AND id IN (:ids) AND published AND job_id IS NOT NULL"
                + " AND NOT (content->'properties') @> CAST(:props AS jsonb)", p, String.class);
        int n = jdbc.update("""
                UPDATE stac.items SET published = published AND (content->'properties') @> CAST(:props AS jsonb),
                       content = jsonb_set(content, '{properties}', (content->'properties') || CAST(:props AS jsonb)),
                       updated_at = now()
                 WHERE collection_id = :collection AND id IN (:ids)""", p);
        if (!reopened.isEmpty()) {
            events.publishEvent(new PublishedItemsChanged(reopened));
        }
        return n;
    }

    /** Takes back the publication of a job's items (its approval was reopened), without revocation marks. */
    public int unpublishJob(String jobId) {
        return jdbc.update("UPDATE stac.items SET published = false, updated_at = now() WHERE job_id = :job AND published",
                Map.of("job", jobId));
    }

    /** The job that produced an item, if a job did (items posted through the API have none). */
    public Optional<String> itemJob(String collectionId, String itemId) {
        return jdbc.queryForList("SELECT job_id FROM stac.items WHERE collection_id = :c AND id = :i AND job_id IS NOT NULL",
                Map.of("c", collectionId, "i", itemId), String.class).stream().findFirst();
    }

    /** Which of these items exist and were produced by a job. */
    public List<String> jobItems(String collectionId, List<String> itemIds) {
        return itemIds.isEmpty() ? List.of() : jdbc.queryForList("SELECT id FROM stac.items WHERE collection_id = :c"
                + " AND id IN (:ids) AND job_id IS NOT NULL", new MapSqlParameterSource("c", collectionId)
                .addValue("ids", itemIds), String.class);
    }

    /** Locks a collection's row for the transaction: removals from one collection queue on it. */
    public void lockCollection(String id) {
        jdbc.queryForList("SELECT id FROM stac.collections WHERE id = :id FOR UPDATE", Map.of("id", id));
    }

    /** Deletes a collection that holds no item any more (unpublish); true when it was deleted. */
    public boolean deleteCollectionIfEmpty(String id) {
        return jdbc.update("DELETE FROM stac.collections c WHERE c.id = :id AND NOT EXISTS"
                + " (SELECT 1 FROM stac.items i WHERE i.collection_id = c.id)", Map.of("id", id)) > 0;
    }

    /** Removes one asset from a collection's document; true when it had it. */
    public boolean removeCollectionAsset(String id, String asset) {
        return jdbc.update("UPDATE stac.collections SET content = content #- ARRAY['assets', CAST(:a AS text)],"
                + " updated_at = now() WHERE id = :id AND content -> 'assets' -> CAST(:a AS text) IS NOT NULL", Map.of("id", id, "a", asset)) > 0;
    }

    /** The job that created a collection, if a job did. */
    public Optional<String> collectionJob(String id) {
        return jdbc.queryForList("SELECT job_id FROM stac.collections WHERE id = :id AND job_id IS NOT NULL",
                Map.of("id", id), String.class).stream().findFirst();
    }

    /** How many of a collection's items a job produced. */
    public long jobItemCount(String collectionId) {
        return jdbc.queryForObject("SELECT count(*) FROM stac.items WHERE collection_id = :c AND job_id IS NOT NULL",
                Map.of("c", collectionId), Long.class);
    }

    /** Deletes a collection with its items; how many items went. */
    public int deleteCollection(String id) {
        int items = jdbc.update("DELETE FROM stac.items WHERE collection_id = :id", Map.of("id", id));
        jdbc.update("DELETE FROM stac.collections WHERE id = :id", Map.of("id", id));
        return items;
    }

    /** Which of these items exist, whoever registered them. */
    public List<String> existingItems(String collectionId, List<String> itemIds) {
        return itemIds.isEmpty() ? List.of() : jdbc.queryForList("SELECT id FROM stac.items WHERE collection_id = :c"
                + " AND id IN (:ids)", new MapSqlParameterSource("c", collectionId).addValue("ids", itemIds), String.class);
    }

    public int deleteItems(String collectionId, List<String> itemIds) {
        if (itemIds.isEmpty()) {
            return 0;
        }
        return jdbc.update("DELETE FROM stac.items WHERE collection_id = :collection AND id IN (:ids)",
                new MapSqlParameterSource("collection", collectionId).addValue("ids", itemIds));
    }

    /** The bounding box of a collection's item geometries (EPSG:4326), or null when it has none. */
    public double[] itemsExtent(String collectionId) {
        return jdbc.query("""
                SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
                  FROM (SELECT ST_Extent(geometry) AS e FROM stac.items WHERE collection_id = :c) x
                 WHERE e IS NOT NULL""", Map.of("c", collectionId),
                (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)})
                .stream().findFirst().orElse(null);
    }

    public Optional<JsonNode> collection(String id) {
        return jdbc.query("SELECT content::text FROM stac.collections WHERE id = :id", Map.of("id", id),
                (rs, i) -> json.read(rs.getString(1))).stream().findFirst();
    }

    public List<JsonNode> collections() {
        return jdbc.query("SELECT content::text FROM stac.collections ORDER BY id", Map.of(),
                (rs, i) -> json.read(rs.getString(1)));
    }

    /** Collections with at least one published item: what an anonymous caller of a public catalog sees. */
    public List<JsonNode> publishedCollections() {
        return jdbc.query("SELECT content::text FROM stac.collections c WHERE EXISTS (SELECT 1 FROM stac.items i"
                        + " WHERE i.collection_id = c.id AND i.published) ORDER BY id", Map.of(),
                (rs, i) -> json.read(rs.getString(1)));
    }

    /** Items matching a search, with app:published rendered into their properties. */
    public List<JsonNode> search(StacSearch search) {
        StacSearch.Sql sql = search.toSql();
        List<JsonNode> out = new ArrayList<>();
        jdbc.query("SELECT content::text AS c, published, collection_id FROM stac.items " + sql.where()
                + sql.orderBy() + " LIMIT :limit OFFSET :offset", sql.params(), rs -> {
                    ObjectNode item = (ObjectNode) json.read(rs.getString("c"));
                    item.put("collection", rs.getString("collection_id"));
                    ((ObjectNode) item.with("properties")).put("app:published", rs.getBoolean("published"));
                    out.add(item);
                });
        return out;
    }

    /** The item properties of a collection (all collections: null) with their JSON types, most common type first. */
    public Map<String, String> propertyTypes(String collectionId, int limit) {
        Map<String, String> out = new java.util.TreeMap<>();
        jdbc.query("""
                SELECT key, jsonb_typeof(value) AS t, count(*) AS n
                  FROM stac.items, jsonb_each(CASE WHEN jsonb_typeof(content->'properties') = 'object'
                                                   THEN content->'properties' ELSE '{}'::jsonb END)
                 WHERE CAST(:c AS text) IS NULL OR collection_id = :c
                 GROUP BY key, t ORDER BY n DESC LIMIT :limit""",
                new MapSqlParameterSource("c", collectionId).addValue("limit", limit),
                rs -> { out.putIfAbsent(rs.getString("key"), rs.getString("t")); });
        return out;
    }

    public long count(StacSearch search) {
        StacSearch.Sql sql = search.toSql();
        Long n = jdbc.queryForObject("SELECT count(*) FROM stac.items " + sql.where(), sql.params(), Long.class);
        return n == null ? 0 : n;
    }

    private ObjectNode withoutLinks(JsonNode document) {
        ObjectNode copy = ((ObjectNode) document).deepCopy();
        copy.remove("links");
        if (copy.has("properties")) {
            ((ObjectNode) copy.get("properties")).remove("app:published");
        }
        return copy;
    }
}
