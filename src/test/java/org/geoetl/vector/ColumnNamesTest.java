package org.geoetl.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ColumnNamesTest {

    @Test
    void namesAreLowerCaseAsciiIdentifiers() {
        assertThat(ColumnNames.launder("Name EN")).isEqualTo("name_en");
        assertThat(ColumnNames.launder("Größe (m²)")).isEqualTo("gr_e_m_");
        assertThat(ColumnNames.launder("2020_pop")).isEqualTo("f_2020_pop");
        assertThat(ColumnNames.launder("")).isEqualTo("field");
        assertThat(ColumnNames.launder("***")).isEqualTo("field");
        assertThat(ColumnNames.launder("a--b__c")).isEqualTo("a_b_c");
    }

    @Test
    void namesFitPostgresIdentifierLength() {
        String laundered = ColumnNames.launder("x".repeat(200));
        assertThat(laundered.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    }

    @Test
    void quotingDoublesEmbeddedQuotes() {
        assertThat(ColumnNames.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    }

    @Test
    void ogrTypesMapToPostgresTypesAndTheRestToText() {
        assertThat(ColumnNames.pgType("Integer64")).isEqualTo("bigint");
        assertThat(ColumnNames.pgType("DateTime")).isEqualTo("timestamptz");
        assertThat(ColumnNames.pgType("StringList")).isEqualTo("text");
    }
}
