package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPoliciesTest {

    private static final Duration BASE = Duration.ofSeconds(5);
    private static final Duration MAX = Duration.ofSeconds(300);

    @Test
    void eachRetryWaitsBetweenHalfAndAllOfItsExponentialCeiling() {
        for (int attempt = 1; attempt <= 6; attempt++) {
            long ceiling = Math.min(MAX.toMillis(), BASE.toMillis() << (attempt - 1));
            assertThat(RetryPolicies.delay(BASE, MAX, attempt, 0.0).toMillis()).isEqualTo(ceiling / 2);
            assertThat(RetryPolicies.delay(BASE, MAX, attempt, 0.999999).toMillis())
                    .isBetween(ceiling - 1, ceiling);
        }
    }

    @Test
    void theCapHoldsForLateAttemptsWithoutOverflow() {
        assertThat(RetryPolicies.delay(BASE, MAX, 40, 0.5)).isBetween(Duration.ofSeconds(150), MAX);
        assertThat(RetryPolicies.delay(BASE, MAX, 1000, 0.999)).isLessThanOrEqualTo(MAX);
        assertThat(RetryPolicies.delay(BASE, MAX, 0, 0.0)).isEqualTo(Duration.ofMillis(2500));
    }
}
