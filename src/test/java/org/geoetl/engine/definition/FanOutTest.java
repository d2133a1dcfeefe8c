package org.geoetl.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FanOutTest {

    @Test
    void parsesEveryRule() {
        assertThat(FanOut.parse("single")).isInstanceOf(FanOut.Single.class);
        assertThat(FanOut.parse("fixed(params.n)")).isEqualTo(new FanOut.Fixed(new FanOut.Amount(null, "n")));
        assertThat(FanOut.parse("fixed(12)")).isEqualTo(new FanOut.Fixed(new FanOut.Amount(12, null)));
        assertThat(FanOut.parse("each(params.blobs)"))
                .isEqualTo(new FanOut.Each(new FanOut.ListSource("blobs", null, null)));
        assertThat(FanOut.parse("each(inventory.files)"))
                .isEqualTo(new FanOut.Each(new FanOut.ListSource(null, "inventory", "files")));
        assertThat(FanOut.parse(" batch( greeting , 50 ) "))
                .isEqualTo(new FanOut.Batch(new FanOut.ListSource(null, "greeting", null), new FanOut.Amount(50, null)));
        assertThat(FanOut.parse("fan_in(tiles)")).isEqualTo(new FanOut.FanIn("tiles"));
    }

    @Test
    void rendersBackToItsText() {
        for (String text : new String[] {"single", "fixed(params.n)", "each(inventory.files)", "batch(params.x, 5)",
                "fan_in(tiles)"}) {
            assertThat(FanOut.parse(text).text()).isEqualTo(text);
        }
    }

    @Test
    void rejectsMalformedRules() {
        assertThatThrownBy(() -> FanOut.parse("scatter(x)")).hasMessageContaining("unknown fan-out rule");
        assertThatThrownBy(() -> FanOut.parse("fixed()")).hasMessageContaining("takes 1 argument");
        assertThatThrownBy(() -> FanOut.parse("batch(x)")).hasMessageContaining("takes 2 argument");
        assertThatThrownBy(() -> FanOut.parse("fixed(-1)")).hasMessageContaining("negative");
        assertThatThrownBy(() -> FanOut.parse("each(Bad-Name)")).hasMessageContaining("not a valid name");
        assertThatThrownBy(() -> FanOut.parse("fixed(lots)")).hasMessageContaining("neither a number");
    }
}
