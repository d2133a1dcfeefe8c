package org.geoetl.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputDatabaseTest {

    @Test
    void answersNameTheDatabaseOnlyNeverItsHostOrCredentials() {
        assertThat(OutputDatabase.databaseName("jdbc:postgresql://db.internal:5432/geoetl_business?sslmode=require&password=x"))
                .isEqualTo("geoetl_business");
        assertThat(OutputDatabase.databaseName("jdbc:postgresql://localhost/geodata")).isEqualTo("geodata");
    }

    @Test
    void thePasswordNeverAppearsInTheProperties() {
        BusinessDbProperties p = new BusinessDbProperties("jdbc:postgresql://h/db", "writer", "s3cret", 8);
        assertThat(p.toString()).doesNotContain("s3cret").contains("writer");
        assertThat(p.configured()).isTrue();
        assertThat(new BusinessDbProperties("", "", "", 8).configured()).isFalse();
    }
}
