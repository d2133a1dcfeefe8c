package org.geoetl.stac.cql2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The filter extension against the SQL a person would write: a generated catalog of 12,000 items
 * (cloud cover, platform, gsd, title, a grid of footprints, ten years of datetimes, a few odd
 * values), each filter given as CQL2 text and as CQL2 JSON, compared with the same condition
 * written by hand in SQL on stac.items.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Cql2FilterIT extends EngineTestSupport {

    private static final String C = "cql2-it";
    private static final int ITEMS = 12_000;

    @BeforeAll
    void catalog() {
        jdbc.update("DELETE FROM stac.collections WHERE id = ?", C);
        jdbc.update("INSERT INTO stac.collections (id, content) VALUES (?, CAST(? AS jsonb))", C,
                "{\"type\": \"Collection\", \"id\": \"" + C + "\", \"stac_version\": \"1.0.0\", \"description\": \"CQL2 test\","
                        + " \"license\": \"proprietary\", \"extent\": {\"spatial\": {\"bbox\": [[-180, -90, 180, 90]]},"
                        + " \"temporal\": {\"interval\": [[null, null]]}}, \"links\": []}");
        // item n: cloud cover n % 101 (every 97th missing, every 89th the string 'n/a'), platform by n % 3,
        // gsd 10/20/30/60, footprint a 1° box on a 120 × 100 grid, datetime n hours after 2015-01-01
        jdbc.update("""
                INSERT INTO stac.items (collection_id, id, content, geometry, start_datetime, end_datetime, published)
                SELECT ?, 'item-' || n,
                       jsonb_build_object('type', 'Feature', 'stac_version', '1.0.0', 'id', 'item-' || n,
                         'geometry', ST_AsGeoJSON(g)::jsonb, 'bbox', jsonb_build_array(ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g)),
                         'assets', '{}'::jsonb, 'links', '[]'::jsonb,
                         'properties', jsonb_strip_nulls(jsonb_build_object(
                           'datetime', to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                           'eo:cloud_cover', CASE WHEN n % 97 = 0 THEN NULL WHEN n % 89 = 0 THEN to_jsonb('n/a'::text)
                                                  ELSE to_jsonb(n % 101) END,
                           'platform', (ARRAY['sentinel-2a', 'sentinel-2b', 'landsat-9'])[n % 3 + 1],
                           'gsd', (ARRAY[10, 20, 30, 60])[n % 4 + 1],
                           'title', 'Tile ' || n))),
                       g, t, t + interval '30 minutes', n % 5 <> 0
                  FROM (SELECT n, ST_MakeEnvelope(-60 + (n % 120), -50 + (n / 120), -59 + (n % 120), -49 + (n / 120), 4326) AS g,
                               timestamptz '2015-01-01 00:00:00+00' + n * interval '7 hours' AS t
                          FROM generate_series(0, ? - 1) AS n) s""", C, ITEMS);
    }

    private Set<String> sql(String where) {
        return new HashSet<>(jdbc.queryForList("SELECT id FROM stac.items WHERE collection_id = '" + C + "' AND (" + where + ")",
                String.class));
    }

    private ResponseEntity<JsonNode> post(String body) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/api/stac/search", new HttpEntity<>(body, h), JsonNode.class);
    }

    private Set<String> search(String filterField) {
        Set<String> ids = new HashSet<>();
        String token = null;
        do {
            ResponseEntity<JsonNode> r = post("{\"collections\": [\"" + C + "\"], \"limit\": 10000, \"include_unpublished\": true,"
                    + " \"filter\": " + filterField + (token == null ? "" : ", \"token\": \"" + token + "\"") + "}");
            assertThat(r.getStatusCode().value()).as("%s → %s", filterField, r.getBody()).isEqualTo(200);
            r.getBody().path("features").forEach(f -> ids.add(f.path("id").asText()));
            token = null;
            for (JsonNode l : r.getBody().path("links")) {
                if (l.path("rel").asText().equals("next")) {
                    token = l.path("body").path("token").asText();
                }
            }
        } while (token != null);
        return ids;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    record Case(String text, String json, String sql) {
    }

    @Test
    void cql2TextAndJsonReturnExactlyWhatTheEquivalentSqlReturns() {
        List<Case> cases = List.of(
                new Case("\"eo:cloud_cover\" < 10",
                        "{\"op\": \"<\", \"args\": [{\"property\": \"eo:cloud_cover\"}, 10]}",
                        "jsonb_typeof(content->'properties'->'eo:cloud_cover') = 'number'"
                                + " AND (content->'properties'->>'eo:cloud_cover')::numeric < 10"),
                new Case("platform = 'landsat-9' AND gsd >= 30",
                        "{\"op\": \"and\", \"args\": [{\"op\": \"=\", \"args\": [{\"property\": \"platform\"}, \"landsat-9\"]},"
                                + " {\"op\": \">=\", \"args\": [{\"property\": \"gsd\"}, 30]}]}",
                        "content->'properties'->>'platform' = 'landsat-9' AND (content->'properties'->>'gsd')::int >= 30"),
                new Case("platform IN ('sentinel-2a', 'sentinel-2b') OR \"eo:cloud_cover\" BETWEEN 40 AND 42",
                        "{\"op\": \"or\", \"args\": [{\"op\": \"in\", \"args\": [{\"property\": \"platform\"},"
                                + " [\"sentinel-2a\", \"sentinel-2b\"]]}, {\"op\": \"between\", \"args\": [{\"property\":"
                                + " \"eo:cloud_cover\"}, 40, 42]}]}",
                        "content->'properties'->>'platform' IN ('sentinel-2a', 'sentinel-2b') OR"
                                + " (jsonb_typeof(content->'properties'->'eo:cloud_cover') = 'number'"
                                + " AND (content->'properties'->>'eo:cloud_cover')::numeric BETWEEN 40 AND 42)"),
                new Case("NOT (\"eo:cloud_cover\" < 50)",
                        "{\"op\": \"not\", \"args\": [{\"op\": \"<\", \"args\": [{\"property\": \"eo:cloud_cover\"}, 50]}]}",
                        // three-valued, as SQL and stac-fastapi-pgstac: an item without a numeric cloud cover
                        // matches neither the comparison nor its negation
                        "jsonb_typeof(content->'properties'->'eo:cloud_cover') = 'number'"
                                + " AND (content->'properties'->>'eo:cloud_cover')::numeric >= 50"),
                new Case("title LIKE 'Tile 11%' AND \"app:published\" = false",
                        "{\"op\": \"and\", \"args\": [{\"op\": \"like\", \"args\": [{\"property\": \"title\"}, \"Tile 11%\"]},"
                                + " {\"op\": \"=\", \"args\": [{\"property\": \"app:published\"}, false]}]}",
                        "content->'properties'->>'title' LIKE 'Tile 11%' AND NOT published"),
                new Case("\"eo:cloud_cover\" IS NULL",
                        "{\"op\": \"isNull\", \"args\": [{\"property\": \"eo:cloud_cover\"}]}",
                        "NOT (content->'properties' ? 'eo:cloud_cover')"),
                new Case("S_INTERSECTS(geometry, POLYGON((0 0, 10 0, 10 10, 0 10, 0 0)))",
                        "{\"op\": \"s_intersects\", \"args\": [{\"property\": \"geometry\"}, {\"type\": \"Polygon\","
                                + " \"coordinates\": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]}]}",
                        "ST_Intersects(geometry, ST_MakeEnvelope(0, 0, 10, 10, 4326))"),
                new Case("S_WITHIN(geometry, BBOX(-20, -20, 20, 20)) AND id <> 'item-5000'",
                        "{\"op\": \"and\", \"args\": [{\"op\": \"s_within\", \"args\": [{\"property\": \"geometry\"},"
                                + " {\"bbox\": [-20, -20, 20, 20]}]}, {\"op\": \"<>\", \"args\": [{\"property\": \"id\"}, \"item-5000\"]}]}",
                        "ST_Within(geometry, ST_MakeEnvelope(-20, -20, 20, 20, 4326)) AND id <> 'item-5000'"),
                new Case("T_INTERSECTS(datetime, INTERVAL('2018-01-01T00:00:00Z', '2018-03-01T00:00:00Z'))",
                        "{\"op\": \"t_intersects\", \"args\": [{\"property\": \"datetime\"},"
                                + " {\"interval\": [\"2018-01-01T00:00:00Z\", \"2018-03-01T00:00:00Z\"]}]}",
                        "start_datetime <= '2018-03-01T00:00:00Z' AND end_datetime >= '2018-01-01T00:00:00Z'"),
                new Case("datetime >= TIMESTAMP('2023-06-01T00:00:00Z') AND gsd = 10",
                        "{\"op\": \"and\", \"args\": [{\"op\": \">=\", \"args\": [{\"property\": \"datetime\"},"
                                + " {\"timestamp\": \"2023-06-01T00:00:00Z\"}]}, {\"op\": \"=\", \"args\": [{\"property\": \"gsd\"}, 10]}]}",
                        "start_datetime >= '2023-06-01T00:00:00Z' AND content->'properties'->>'gsd' = '10'"));
        for (Case c : cases) {
            Set<String> expected = sql(c.sql());
            assertThat(expected).as("the SQL of %s selects something", c.text()).isNotEmpty();
            assertThat(search(quoted(c.text()))).as("CQL2 text %s", c.text()).isEqualTo(expected);
            assertThat(search(c.json())).as("CQL2 JSON of %s", c.text()).isEqualTo(expected);
        }
        // and by GET, as text (the default filter-lang of a query string)
        JsonNode get = http.getForObject("/api/stac/search?collections=" + C + "&include_unpublished=true&limit=10000&filter={f}",
                JsonNode.class, "gsd = 60 AND platform = 'landsat-9'");
        assertThat(get.path("features").size()).as("%s", get.toString().substring(0, Math.min(600, get.toString().length()))).isEqualTo(sql("content->'properties'->>'gsd' = '60'"
                + " AND content->'properties'->>'platform' = 'landsat-9'").size());
    }

    @Test
    void aFilterCarryingSqlIsA400ThatShowsNoSql() {
        for (String bad : List.of("id = 'a'; DROP TABLE stac.items", "id = 'a' OR 1=1", "\"x') OR true --\" = 'a'",
                "id = (SELECT min(id) FROM stac.items)")) {
            ResponseEntity<JsonNode> r = post("{\"collections\": [\"" + C + "\"], \"filter\": " + quoted(bad) + "}");
            assertThat(r.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(r.getBody().toString()).doesNotContain("content->").doesNotContain("jsonb").doesNotContain("stac.items");
        }
        assertThat(count("SELECT count(*) FROM stac.items WHERE collection_id = ?", C)).isEqualTo(ITEMS);
        ResponseEntity<JsonNode> lang = http.getForEntity("/api/stac/search?filter=id%3D'a'&filter-lang=sql", JsonNode.class);
        assertThat(lang.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void queryablesListTheFixedFieldsAndTheCollectionsItemProperties() {
        JsonNode global = http.getForObject("/api/stac/queryables", JsonNode.class);
        assertThat(global.path("properties").has("datetime")).isTrue();
        assertThat(global.path("properties").has("app:published")).isTrue();
        JsonNode own = http.getForObject("/api/stac/collections/" + C + "/queryables", JsonNode.class);
        assertThat(own.path("properties").path("eo:cloud_cover").path("type").asText()).isEqualTo("number");
        assertThat(own.path("properties").path("platform").path("type").asText()).isEqualTo("string");
        assertThat(http.getForEntity("/api/stac/collections/nope/queryables", JsonNode.class).getStatusCode().value())
                .isEqualTo(404);
        JsonNode conformance = http.getForObject("/api/stac/conformance", JsonNode.class);
        assertThat(conformance.path("conformsTo").toString()).contains("cql2-text").contains("cql2-json")
                .contains("ogcapi-features-3/1.0/conf/filter");
    }
}
