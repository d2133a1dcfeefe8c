package org.geoetl.stac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class StacFieldsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private ObjectNode item() throws Exception {
        return (ObjectNode) mapper.readTree("""
                {"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [0, 0]}, "bbox": [0, 0, 0, 0],
                 "properties": {"datetime": "2024-01-01T00:00:00Z", "foo": 1, "bar": {"x": 1, "y": 2}},
                 "assets": {"data": {"href": "h", "type": "t"}}, "links": []}""");
    }

    @Test
    void includeAddsToTheDefaultsAndExcludeWinsOverInclude() throws Exception {
        ObjectNode out = StacFields.fromQuery("properties.bar.x,-geometry").apply(item());
        assertThat(out.has("geometry")).isFalse();
        assertThat(out.path("properties").toString()).isEqualTo("{\"datetime\":\"2024-01-01T00:00:00Z\",\"bar\":{\"x\":1}}");
        ObjectNode both = StacFields.fromBody(mapper.readTree("{\"include\": [\"properties\"], \"exclude\": [\"properties.foo\"]}"))
                .apply(item());
        assertThat(both.path("properties").has("foo")).isFalse();
        assertThat(both.path("properties").has("bar")).isTrue();
    }

    @Test
    void excludeOnlyKeepsTheRestAndEmptyIsTheDefaults() throws Exception {
        ObjectNode less = StacFields.fromQuery("-assets.data.href").apply(item());
        assertThat(less.path("properties").has("foo")).isTrue();
        assertThat(less.path("assets").path("data").toString()).isEqualTo("{\"type\":\"t\"}");
        ObjectNode defaults = StacFields.fromQuery("").apply(item());
        assertThat(defaults.path("properties").toString()).isEqualTo("{\"datetime\":\"2024-01-01T00:00:00Z\"}");
        assertThat(defaults.has("geometry") && defaults.has("assets") && defaults.has("links")).isTrue();
        assertThat(StacFields.fromQuery(null)).isNull();
        assertThat(StacFields.fromQuery(" id").include()).containsExactly("id"); // an unencoded '+'
        assertThat(StacFields.fromQuery("properties.nothing").apply(item()).path("properties").has("nothing")).isFalse();
    }

    @Test
    void malformedFieldsAreRefused() {
        assertThatThrownBy(() -> StacFields.fromQuery("id;drop")).isInstanceOf(StacSearchException.class);
        assertThatThrownBy(() -> StacFields.fromBody(new ObjectMapper().createArrayNode())).isInstanceOf(StacSearchException.class);
    }
}
