package org.geoetl.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void integersAreParsedBoundedAndNeverWrap() {
        assertThat(QueryParams.integer("limit", null, 1, 500, 50)).isEqualTo(50);
        assertThat(QueryParams.integer("limit", " 7 ", 1, 500, 50)).isEqualTo(7);
        for (String bad : new String[] {"abc", "1.5", "0", "501", "99999999999", "4294967297", "-1", "NaN", "1e3"}) {
            assertThatThrownBy(() -> QueryParams.integer("limit", bad, 1, 500, 50))
                    .isInstanceOf(QueryParams.InvalidParameterException.class)
                    .hasMessageContaining("'limit'");
        }
        assertThat(QueryParams.longValue("after", "9223372036854775807", 0, Long.MAX_VALUE, 0)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> QueryParams.longValue("after", "9223372036854775808", 0, Long.MAX_VALUE, 0))
                .hasMessageContaining("'after'");
    }

    @Test
    void numbersMustBeFiniteAndTimesIso() {
        assertThat(QueryParams.finite("x", "1.5")).isEqualTo(1.5);
        for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "1e999", "x"}) {
            assertThatThrownBy(() -> QueryParams.finite("x", bad)).hasMessageContaining("finite");
        }
        assertThat(QueryParams.instant("after", "2026-01-31T00:00:00Z")).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThatThrownBy(() -> QueryParams.instant("after", "yesterday")).hasMessageContaining("ISO-8601");
        assertThat(QueryParams.flag("f", "TRUE")).isTrue();
        assertThatThrownBy(() -> QueryParams.flag("f", "maybe")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> QueryParams.text("t", "a\u0000b", 10)).hasMessageContaining("printable");
        assertThatThrownBy(() -> QueryParams.text("t", "x".repeat(11), 10)).hasMessageContaining("at most 10");
    }
}
