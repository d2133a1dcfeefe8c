package org.geoetl.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RerunDecisionTest {

    private static final String SUM = "1220" + "ab".repeat(32);

    private static Map<String, Object> processing(Object tier) {
        Map<String, Object> p = new HashMap<>();
        p.put("raster_type", "dem");
        p.put("output_tier", tier);
        p.put("jpeg_quality", 85);
        p.put("target_crs", null);
        return p;
    }

    private static Map<String, String> descriptive(String title) {
        Map<String, String> d = new HashMap<>();
        d.put("title", title);
        d.put("license", null);
        return d;
    }

    private static RerunDecision.Previous previous(String sum) {
        Map<String, Object> stored = processing("analysis");
        stored.put("jpeg_quality", 85.0); // read back from JSON as another Number type
        return new RerunDecision.Previous(sum, stored, Map.of("title", "DEM", "license", "CC-BY-4.0"));
    }

    @Test
    void nothingThereYetIsNew() {
        RerunDecision d = RerunDecision.decide(null, SUM, processing("analysis"), descriptive("DEM"));
        assertThat(d.decision()).isEqualTo("new");
        assertThat(d.converts()).isTrue();
    }

    @Test
    void sameSourceSameProcessingSameDescriptionsIsNoChange() {
        RerunDecision d = RerunDecision.decide(previous(SUM), SUM, processing("analysis"), descriptive("DEM"));
        assertThat(d.decision()).isEqualTo("no_change");
        assertThat(d.converts()).isFalse();
        // a description not given (null) keeps the stored one: not a change
        assertThat(RerunDecision.decide(previous(SUM), SUM, processing("analysis"), descriptive(null)).decision())
                .isEqualTo("no_change");
    }

    @Test
    void aNewTitleOnTheSameSourceIsMetadataOnly() {
        RerunDecision d = RerunDecision.decide(previous(SUM), SUM, processing("analysis"), descriptive("DEM v2"));
        assertThat(d.decision()).isEqualTo("metadata_only");
        assertThat(d.changed()).containsExactly("title");
        assertThat(d.converts()).isFalse();
    }

    @Test
    void aChangedSourceOrProcessingOrAMissingChecksumIsAFullReprocess() {
        assertThat(RerunDecision.decide(previous(SUM), "1220" + "cd".repeat(32), processing("analysis"),
                descriptive("DEM")).decision()).isEqualTo("full");
        RerunDecision tier = RerunDecision.decide(previous(SUM), SUM, processing("archive"), descriptive("DEM v2"));
        assertThat(tier.decision()).isEqualTo("full");
        assertThat(tier.reason()).contains("output_tier");
        assertThat(RerunDecision.decide(previous(null), SUM, processing("analysis"), descriptive("DEM")).decision())
                .isEqualTo("full");
    }
}
