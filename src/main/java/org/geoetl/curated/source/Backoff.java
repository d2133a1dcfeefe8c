package org.geoetl.curated.source;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * How long to wait before the next attempt: what the server asked for in Retry-After (delta
 * seconds or an HTTP-date, capped at max-delay so a peer cannot park a worker for a day), else
 * exponential backoff with full jitter (a uniform wait in [0, min(max, base * 2^(n-1))]), which
 * spreads the retries of many workers that failed together instead of having them return in step.
 */
final class Backoff {

    private static final Pattern SECONDS = Pattern.compile("\\d+");

    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;
    private final Clock clock;

    Backoff(Duration base, Duration max, DoubleSupplier random, Clock clock) {
        this.base = base;
        this.max = max;
        this.random = random;
        this.clock = clock;
    }

    /** The wait after failed attempt {@code attempt} (1-based), given the answer's Retry-After if any. */
    Duration delay(int attempt, Optional<String> retryAfter) {
        return retryAfter.flatMap(this::retryAfter).orElseGet(() -> jittered(attempt));
    }

    Duration jittered(int attempt) {
        // doubling past 2^30 only overflows; the cap has long been reached by then
        long ceiling = Math.min(max.toMillis(), saturatedShift(base.toMillis(), Math.min(attempt - 1, 30)));
        double fraction = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        return Duration.ofMillis(Math.round(fraction * ceiling));
    }

    /** The server's wait, at most max-delay; empty when the value is neither form (then backoff applies). */
    Optional<Duration> retryAfter(String value) {
        String v = value.strip();
        if (SECONDS.matcher(v).matches()) {
            // more digits than a long holds is still "a very long time": the cap
            Duration asked = v.length() > 12 ? max : Duration.ofSeconds(Long.parseLong(v));
            return Optional.of(min(asked));
        }
        try {
            ZonedDateTime date = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration until = Duration.between(clock.instant(), date.toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : min(until));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Duration min(Duration d) {
        return d.compareTo(max) > 0 ? max : d;
    }

    private static long saturatedShift(long value, int bits) {
        return value > (Long.MAX_VALUE >> bits) ? Long.MAX_VALUE : value << bits;
    }
}
