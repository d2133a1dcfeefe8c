package org.geoetl.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.geoetl.config.GeoEtlProperties;
import org.springframework.stereotype.Component;

/** Attempts and backoff per task type: geoetl.task-types.<type> overrides, else the engine defaults. */
@Component
public class RetryPolicies {

    private final GeoEtlProperties properties;

    public RetryPolicies(GeoEtlProperties properties) {
        this.properties = properties;
    }

    public int defaultMaxAttempts() {
        return properties.worker().maxAttempts();
    }

    public int maxAttempts(String taskType) {
        GeoEtlProperties.TaskType t = properties.taskTypes().get(taskType);
        return t != null && t.maxAttempts() != null ? t.maxAttempts() : properties.worker().maxAttempts();
    }

    /** Delay before attempt {@code failedAttempt + 1}: exponential, capped, with "equal jitter". */
    public Duration delayAfter(String taskType, int failedAttempt) {
        GeoEtlProperties.TaskType t = properties.taskTypes().get(taskType);
        Duration base = t != null && t.baseDelay() != null ? t.baseDelay() : properties.retry().baseDelay();
        Duration max = t != null && t.maxDelay() != null ? t.maxDelay() : properties.retry().maxDelay();
        return delay(base, max, failedAttempt, ThreadLocalRandom.current().nextDouble());
    }

    /** Pure form, for tests: {@code random} in [0, 1). */
    static Duration delay(Duration base, Duration max, int failedAttempt, double random) {
        int exponent = Math.min(Math.max(failedAttempt - 1, 0), 30);
        long ceiling = Math.min(max.toMillis(), base.toMillis() * (1L << exponent));
        return Duration.ofMillis(ceiling / 2 + (long) (random * (ceiling - ceiling / 2)));
    }
}
