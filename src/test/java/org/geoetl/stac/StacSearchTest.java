package org.geoetl.stac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class StacSearchTest {

    @Test
    void bboxesAreParsedAndChecked() {
        assertThat(StacSearchInputs.bbox("-10,40,5,52")).containsExactly(-10, 40, 5, 52);
        assertThat(StacSearchInputs.bbox(null)).isNull();
        assertThatThrownBy(() -> StacSearchInputs.bbox("1,2,3")).isInstanceOf(StacSearchException.class)
                .hasMessageContaining("4 (or 6)");
        assertThatThrownBy(() -> StacSearchInputs.bbox("a,b,c,d")).isInstanceOf(StacSearchException.class);
        assertThatThrownBy(() -> StacSearchInputs.bbox("0,95,10,96")).isInstanceOf(StacSearchException.class);
    }

    @Test
    void anAntimeridianBboxBecomesTwoBoxes() {
        StacSearch s = StacSearch.of(null, null, "170,-10,-170,10", null, null, null, null, null, false);
        assertThat(s.toSql().where()).contains("ST_MakeEnvelope(:minx, :miny, 180, :maxy, 4326)")
                .contains("ST_MakeEnvelope(-180, :miny, :maxx, :maxy, 4326)");
    }

    @Test
    void datetimeIntervalsAreRfc3339AndOrdered() {
        assertThat(StacSearchInputs.interval("2020-01-01T00:00:00Z/..")[1]).isNull();
        assertThatThrownBy(() -> StacSearchInputs.interval("../..")).hasMessageContaining("open at both ends");
        assertThatThrownBy(() -> StacSearchInputs.interval("2021-01-01T00:00:00Z/2020-01-01T00:00:00Z"))
                .hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> StacSearchInputs.interval("yesterday")).isInstanceOf(StacSearchException.class);
    }

    @Test
    void valuesTravelAsParametersNeverInTheSqlText() {
        StacSearch s = StacSearch.of(List.of("c'; DROP TABLE stac.items; --"), List.of("x"), null, null, null,
                List.of("-datetime"), 5, null, false);
        StacSearch.Sql sql = s.toSql();
        assertThat(sql.where()).doesNotContain("DROP").contains("published").contains("collection_id IN (:collections)");
        assertThat(sql.params().getValue("collections")).isEqualTo(List.of("c'; DROP TABLE stac.items; --"));
    }

    @Test
    void limitsAndMalformedFiltersAreRefused() throws Exception {
        assertThatThrownBy(() -> StacSearch.of(null, null, null, null, null, null, 0, null, false))
                .hasMessageContaining("limit must be between 1 and");
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> StacSearch.fromBody(json.readTree("{\"filter\": {}}"), false))
                .isInstanceOf(StacSearchException.class).hasMessageContaining("expected an object with \"op\"");
        assertThatThrownBy(() -> StacSearch.fromBody(json.readTree("{\"filter\": \"id = 'a'\", \"filter-lang\": \"cql2-json\"}"),
                false)).hasMessageContaining("does not match");
        assertThatThrownBy(() -> StacSearch.fromBody(json.readTree("{\"query\": {\"eo:cloud_cover\": {\"lt\": 5}}}"), false))
                .hasMessageContaining("use filter");
        assertThatThrownBy(() -> StacSearch.fromBody(json.readTree(
                "{\"bbox\": [0,0,1,1], \"intersects\": {\"type\": \"Point\", \"coordinates\": [0,0]}}"), false))
                .hasMessageContaining("cannot be used together");
        assertThatThrownBy(() -> StacSearch.order(List.of("cloud_cover"))).hasMessageContaining("cannot sort by");
    }
}
