package org.geoetl.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.geoetl.engine.params.ParameterValidationException;
import org.geoetl.error.GeoEtlException;
import org.junit.jupiter.api.Test;

class PlatformTranslationTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theRequestIdIsTheFirst32HexDigitsOfSha256OfTheIds() {
        // printf 'ds|rs|v1' | sha256sum
        assertThat(PlatformTranslation.requestId("ds", "rs", "v1")).isEqualTo("a5e896b2cea6f1690ede825d003d4d0e")
                .isNotEqualTo(PlatformTranslation.requestId("ds", "rs", "v2"));
    }

    @Test
    void namesFollowTheSeedsSlugRules() {
        assertThat(PlatformTranslation.tableName("Rwanda Health_Facilities-2024_V1")).isEqualTo("rwanda_health_facilities_2024_v1");
        assertThat(PlatformTranslation.tableName("2024 roads")).isEqualTo("t_2024_roads");
        assertThat(PlatformTranslation.tableName("x".repeat(80))).hasSize(52);
        assertThat(PlatformTranslation.tableName("a__b--c  d!")).isEqualTo("a_b_c_d");
        assertThat(PlatformTranslation.stacSlug("Rwanda Health_Facilities", 100)).isEqualTo("rwanda-health-facilities");
        assertThat(PlatformTranslation.stacSlug("--A__b--", 100)).isEqualTo("a-b");
        assertThatThrownBy(() -> PlatformTranslation.stacSlug("!!!", 100)).isInstanceOf(GeoEtlException.class);
        assertThat(PlatformTranslation.stem("folder/sub/spam_2020.tif")).isEqualTo("spam_2020");
    }

    @Test
    void theDataTypeComesFromTheExtension() {
        assertThat(PlatformTranslation.dataType("a/b.GeoJSON")).isEqualTo("vector");
        assertThat(PlatformTranslation.dataType("roads.zip")).isEqualTo("vector");
        assertThat(PlatformTranslation.dataType("dem.TIF")).isEqualTo("raster");
        assertThat(PlatformTranslation.requestType(List.of("a.tif", "b.tiff"))).isEqualTo("raster_collection");
        assertThatThrownBy(() -> PlatformTranslation.requestType(List.of("a.tif", "b.geojson")))
                .hasMessageContaining("raster collection");
        assertThatThrownBy(() -> PlatformTranslation.dataType("cloud.laz")).isInstanceOfSatisfying(GeoEtlException.class,
                e -> assertThat(e.status()).isEqualTo(501));
        assertThatThrownBy(() -> PlatformTranslation.dataType("notes.docx")).isInstanceOfSatisfying(GeoEtlException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void requestsAreCheckedFieldByField() throws Exception {
        PlatformRequest r = PlatformRequest.parse(json.readTree("{\"dataset_id\": \"ds\", \"resource_id\": \"rs\","
                + " \"version_id\": \"v1\", \"container_name\": \"bronze\", \"file_name\": \"a.tif\"}"));
        assertThat(r.title()).isEqualTo("ds / rs v1");
        assertThat(r.accessLevel()).isEqualTo("ouo");
        assertThat(PlatformRequest.parse(json.readTree("{\"dataset_id\": \"ds\", \"resource_id\": \"rs\", \"version_id\": \"v1\","
                + " \"container_name\": \"bronze\", \"file_name\": \"a.tif\", \"access_level\": \"Official Use Only\"}"))
                .accessLevel()).isEqualTo("ouo");
        assertThatThrownBy(() -> PlatformRequest.parse(json.readTree("{\"dataset_id\": \"ds\", \"access_level\": \"restricted\","
                + " \"file_name\": [], \"colour\": 1, \"processing_options\": {\"docker\": true}}")))
                .isInstanceOfSatisfying(ParameterValidationException.class, e -> assertThat(e.errors())
                        .extracting(org.geoetl.engine.params.FieldError::field)
                        .contains("resource_id", "version_id", "container_name", "file_name", "access_level", "colour",
                                "processing_options.docker"));
        assertThatThrownBy(() -> PlatformRequest.parse(json.readTree("{\"dataset_id\": \"ds\", \"resource_id\": \"rs\","
                + " \"version_id\": \"v1\", \"container_name\": \"bronze\", \"file_name\": \"a.tif\", \"operation\": \"DELETE\"}")))
                .isInstanceOfSatisfying(GeoEtlException.class, e -> assertThat(e.status()).isEqualTo(501));
    }
}
