package org.geoetl.curated.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which schedule routes a sync removes and adds, given what runs and what the registry says. */
class CuratedSchedulesTest {

    @Test
    void newChangedAndGoneSchedulesAreFoundAndUnchangedOnesLeftAlone() {
        Map<String, String> running = Map.of("wdpa", "0 0 3 1 1,4,7,10 ?", "acled", "0 0 4 ? * MON,THU",
                "old", "0 0 1 * * ?");
        Map<String, String> desired = Map.of("wdpa", "0 0 3 1 1,4,7,10 ?", "acled", "0 0 5 ? * MON,THU",
                "admin0", "0 0 2 ? * SUN");
        CuratedSchedules.Plan plan = CuratedSchedules.plan(running, desired);
        assertThat(plan.remove()).containsExactlyInAnyOrder("acled", "old");
        assertThat(plan.add()).containsOnly(Map.entry("acled", "0 0 5 ? * MON,THU"), Map.entry("admin0", "0 0 2 ? * SUN"));
        assertThat(CuratedSchedules.plan(desired, desired).remove()).isEmpty();
        assertThat(CuratedSchedules.plan(desired, desired).add()).isEmpty();
    }
}
