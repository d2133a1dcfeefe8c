package org.geoetl.progress;

import java.time.Clock;
import java.time.Instant;
import org.geoetl.engine.store.JobRecord;
import org.geoetl.engine.store.JobRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every geoetl.metrics.snapshot-interval (route job-metrics-snapshot, orchestrator role): one
 * snapshot per running job into app.job_metrics, one more for a job that has just ended, and the
 * retention applied. One instance of the cluster does it per tick (an advisory lock).
 */
@Component("jobMetricsSnapshots")
public class JobMetricsSnapshots {

    private final JobRepository jobs;
    private final JobMetricsRepository metrics;
    private final JobProgressService progress;
    private final MetricsProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    public JobMetricsSnapshots(JobRepository jobs, JobMetricsRepository metrics, JobProgressService progress,
                               org.geoetl.config.GeoEtlProperties properties, TransactionTemplate tx, Clock clock) {
        this.jobs = jobs;
        this.metrics = metrics;
        this.progress = progress;
        this.properties = properties.metrics();
        this.tx = tx;
        this.clock = clock;
    }

    /** @return how many snapshots were taken (0 when another instance holds this tick) */
    public int tick() {
        Integer taken = tx.execute(s -> {
            if (!metrics.tryTickLock()) {
                return 0;
            }
            Instant now = clock.instant();
            int n = 0;
            for (String id : jobs.activeOrEndedSince(now.minus(properties.snapshotInterval().multipliedBy(3)))) {
                JobRecord job = jobs.find(id).orElse(null);
                if (job == null || (job.status().isTerminal() && endShown(id))) {
                    continue;
                }
                metrics.insert(JobMetricsRepository.Snapshot.of(progress.progress(job)));
                n++;
            }
            metrics.deleteOlderThan(now.minus(properties.retention()));
            return n;
        });
        return taken == null ? 0 : taken;
    }

    private boolean endShown(String jobId) {
        return metrics.latest(jobId).map(s -> !s.status().equals("queued") && !s.status().equals("processing"))
                .orElse(false);
    }
}
