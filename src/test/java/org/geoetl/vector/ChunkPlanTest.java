package org.geoetl.vector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChunkPlanTest {

    @Test
    void fidRangesOnlyWhenTheIdsAreDense() {
        assertThat(VectorPrepareHandler.denseEnough(new long[] {1, 100_000}, 100_000, 10_000)).containsExactly(1, 100_000);
        // a few gaps are fine
        assertThat(VectorPrepareHandler.denseEnough(new long[] {1, 150_000}, 100_000, 10_000)).isNotNull();
        // ids 1 and 2^62 in a two-feature file: positions, not 4.6e14 chunks
        assertThat(VectorPrepareHandler.denseEnough(new long[] {1, 1L << 62}, 2, 10_000)).isNull();
        assertThat(VectorPrepareHandler.denseEnough(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, 2, 10_000)).isNull();
        assertThat(VectorPrepareHandler.denseEnough(new long[] {5, 1}, 2, 10_000)).isNull();
        assertThat(VectorPrepareHandler.denseEnough(null, 2, 10_000)).isNull();
    }
}
