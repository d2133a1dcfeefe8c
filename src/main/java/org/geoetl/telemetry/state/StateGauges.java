package org.geoetl.telemetry.state;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Map;
import org.geoetl.engine.state.JobStatus;
import org.geoetl.engine.store.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Gauges of state that lives elsewhere: queue depths and dead letters (the embedded broker), jobs
 * by status (PostgreSQL, so cluster-wide; read at most once per 5 s however often Prometheus scrapes).
 */
@Component
public class StateGauges implements MeterBinder {

    private static final long CACHE_MS = 5_000;

    private final QueueDepths queues;
    private final JobRepository jobs;
    private final Clock clock;
    private volatile Map<String, Long> jobCounts = Map.of();
    private volatile long readAt; // 0: never read

    public StateGauges(QueueDepths queues, JobRepository jobs, Clock clock) {
        this.queues = queues;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String q : queues.queues()) {
            if (QueueDepths.DEAD_LETTERS.equals(q)) {
                Gauge.builder("geoetl.dead.letters", queues, d -> d.depth(q))
                        .description("Messages in the dead-letter queue (-1 without an embedded broker)").register(registry);
            } else {
                Gauge.builder("geoetl.queue.depth", queues, d -> d.depth(q)).tag("queue", q)
                        .description("Messages waiting in the queue (-1 without an embedded broker)").register(registry);
            }
        }
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("geoetl.jobs", this, g -> g.jobs(status.sql())).tag("status", status.sql())
                    .description("Jobs by status, cluster-wide").register(registry);
        }
    }

    private double jobs(String status) {
        long now = clock.millis();
        if (now - readAt > CACHE_MS) {
            jobCounts = jobs.countsByStatus();
            readAt = now;
        }
        return jobCounts.getOrDefault(status, 0L);
    }
}
