package org.geoetl.curated.source;

import java.time.Duration;

/** How a retry waits; replaceable so tests assert the waits instead of sitting through them. */
@FunctionalInterface
public interface Sleeper {

    /** The real one: the calling thread sleeps (an interrupt ends the wait and the retries). */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
