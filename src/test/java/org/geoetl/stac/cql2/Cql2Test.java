package org.geoetl.stac.cql2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class Cql2Test {

    private static Cql2.Expr json(String s) throws Exception {
        return Cql2Json.parse(new ObjectMapper().readTree(s));
    }

    @Test
    void textAndJsonOfTheSameFilterParseToTheSameTree() throws Exception {
        assertThat(Cql2Text.parse("\"eo:cloud_cover\" < 20 AND collection = 'c1'")).isEqualTo(json("""
                {"op": "and", "args": [{"op": "<", "args": [{"property": "eo:cloud_cover"}, 20]},
                                       {"op": "=", "args": [{"property": "collection"}, "c1"]}]}"""));
        assertThat(Cql2Text.parse("NOT (platform IN ('a', 'b') OR gsd BETWEEN 10 AND 30.5)")).isEqualTo(json("""
                {"op": "not", "args": [{"op": "or", "args": [
                  {"op": "in", "args": [{"property": "platform"}, ["a", "b"]]},
                  {"op": "between", "args": [{"property": "gsd"}, 10, 30.5]}]}]}"""));
        assertThat(Cql2Text.parse("S_INTERSECTS(geometry, POLYGON((0 0, 10 0, 10 10, 0 10, 0 0)))")).isEqualTo(json("""
                {"op": "s_intersects", "args": [{"property": "geometry"},
                  {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]}]}"""));
        assertThat(Cql2Text.parse("t_intersects(datetime, INTERVAL('2020-01-01T00:00:00Z', '..'))")).isEqualTo(json("""
                {"op": "t_intersects", "args": [{"property": "datetime"}, {"interval": ["2020-01-01T00:00:00Z", ".."]}]}"""));
        assertThat(Cql2Text.parse("title like 'Tile%' and \"app:published\" = true and x is not null"))
                .isEqualTo(json("""
                {"op": "and", "args": [{"op": "like", "args": [{"property": "title"}, "Tile%"]},
                  {"op": "=", "args": [{"property": "app:published"}, true]},
                  {"op": "not", "args": [{"op": "isNull", "args": [{"property": "x"}]}]}]}"""));
    }

    @Test
    void andBindsTighterThanOrAndStringsEscapeQuotes() {
        assertThat(Cql2Text.parse("a = 1 OR b = 2 AND c = 3")).isInstanceOf(Cql2.Or.class);
        Cql2.Compare c = (Cql2.Compare) Cql2Text.parse("name = 'O''Brien'");
        assertThat(((Cql2.Text) c.right()).value()).isEqualTo("O'Brien");
        assertThat(Cql2Text.parse("BBOX(-10, -5, 10.5, 5) = geometry")).isNotNull(); // parsed; compile refuses it
    }

    @Test
    void theSqlHasOnlyFixedTextAndEveryValueAndKeyIsAParameter() {
        Cql2Sql.Fragment f = Cql2Sql.compile(Cql2Text.parse("\"eo:cloud_cover\" <= 20 AND id LIKE 'x%'"
                + " AND S_INTERSECTS(geometry, BBOX(0, 0, 1, 1)) AND datetime >= TIMESTAMP('2021-01-01T00:00:00Z')"));
        assertThat(f.sql()).doesNotContain("eo:cloud_cover").doesNotContain("x%").doesNotContain("2021")
                .contains("jsonb_typeof").contains("ST_Intersects(geometry, ST_GeomFromText(");
        assertThat(f.params()).containsValue("eo:cloud_cover").containsValue("x%");
    }

    @Test
    void sqlInAFilterIsAClearErrorNeverSql() {
        for (String bad : new String[] {"id = 'a'; DROP TABLE stac.items", "id = 'a' OR 1=1", "1 = 1",
                "id = 'a' -- comment", "\"id) OR (1\" = 'x'", "id = (SELECT 1)", "pg_sleep(10) = 1",
                "S_INTERSECTS(geometry, POLYGON((0 0, 1 1); DROP TABLE x))", "x = 'unterminated"}) {
            assertThatThrownBy(() -> Cql2Sql.compile(Cql2Text.parse(bad))).as(bad).isInstanceOf(Cql2Exception.class)
                    .hasMessageNotContaining("SELECT").hasMessageNotContaining("content->");
        }
        assertThatThrownBy(() -> json("{\"op\": \"=\", \"args\": [{\"property\": \"id) OR 1=1 --\"}, \"x\"]}"))
                .isInstanceOf(Cql2Exception.class).hasMessageContaining("not a property name");
        assertThatThrownBy(() -> json("{\"op\": \"exec\", \"args\": []}")).hasMessageContaining("unknown operator");
    }

    @Test
    void typeMismatchesAndUnsupportedFormsAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> Cql2Sql.compile(Cql2Text.parse("id < 5"))).hasMessageContaining("id cannot be compared with a number");
        assertThatThrownBy(() -> Cql2Sql.compile(Cql2Text.parse("x > true"))).hasMessageContaining("booleans");
        assertThatThrownBy(() -> Cql2Sql.compile(Cql2Text.parse("a = b"))).hasMessageContaining("two properties");
        assertThatThrownBy(() -> Cql2Sql.compile(Cql2Text.parse("S_INTERSECTS(title, POINT(1 2))")))
                .hasMessageContaining("only geometry");
        assertThatThrownBy(() -> Cql2Sql.compile(Cql2Text.parse("T_INTERSECTS(title, TIMESTAMP('2020-01-01T00:00:00Z'))")))
                .hasMessageContaining("temporal queryables");
        assertThatThrownBy(() -> Cql2Text.parse("S_INTERSECTS(geometry, POINT(200 0))")).hasMessageContaining("CRS84");
        assertThatThrownBy(() -> Cql2Text.parse("datetime > TIMESTAMP('yesterday')")).hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> Cql2Text.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Cql2Text.parse("(".repeat(200) + "a = 1" + ")".repeat(200))).hasMessageContaining("nests");
        assertThatThrownBy(() -> Cql2Text.parse("a = 1 AND")).hasMessageContaining("character 10");
    }
}
