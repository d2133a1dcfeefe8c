package org.geoetl.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void sqlPathsConnectionStringsAndKeysAreTakenOut() {
        assertThat(Redaction.scrub("PreparedStatementCallback; bad SQL grammar [CREATE TABLE geo.\"t\" (a text, b text)]; nested"))
                .isEqualTo("PreparedStatementCallback; bad SQL grammar [omitted]; nested");
        assertThat(Redaction.scrub("failed: CREATE TABLE geo.x (a text, b text, c text)")).isEqualTo("failed: [SQL omitted]");
        assertThat(Redaction.scrub("cannot open /work/main/data/work/job-1/input.gpkg: denied"))
                .isEqualTo("cannot open …/input.gpkg: denied");
        assertThat(Redaction.scrub("url jdbc:postgresql://db:5432/geoetl?password=x down")).doesNotContain("jdbc:", "db:5432");
        assertThat(Redaction.scrub("DefaultEndpointsProtocol=http;AccountName=a;AccountKey=c2VjcmV0;BlobEndpoint=x"))
                .doesNotContain("c2VjcmV0");
        assertThat(Redaction.scrub("key geoetl_abcdefghijkl_" + "A".repeat(43) + " leaked")).doesNotContain("AAAA");
        assertThat(Redaction.scrub("layer 'parks' has no features")).isEqualTo("layer 'parks' has no features");
        assertThat(Redaction.scrub("EPSG:4326 or a/b relative")).isEqualTo("EPSG:4326 or a/b relative");
        assertThat(Redaction.scrub(null)).isNull();
        assertThat(Redaction.scrub("Failed to copy features from layer roads to the staging table"))
                .isEqualTo("Failed to copy features from layer roads to the staging table");
        assertThat(Redaction.scrub("please update the file and select a layer")).isEqualTo("please update the file and select a layer");
        assertThat(Redaction.scrub("failed: SELECT a, b FROM geo.t WHERE x = 1")).isEqualTo("failed: [SQL omitted]");
        assertThat(Redaction.scrub("GET https://user:hunter2@api.example/x?key=abc123&page=2"))
                .doesNotContain("hunter2", "abc123").contains("page=2");
    }
}
