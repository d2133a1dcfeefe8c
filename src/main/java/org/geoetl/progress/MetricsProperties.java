package org.geoetl.progress;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** geoetl.metrics: the progress model's windows and the job_metrics snapshots. */
public record MetricsProperties(
        /* how often running jobs are snapshotted into app.job_metrics (the orchestrator role does it) */
        @NotNull @DefaultValue("5s") Duration snapshotInterval,
        /* how long snapshots are kept; /api/metrics/active reads at most this far back */
        @NotNull @DefaultValue("60m") Duration retention,
        /* the sliding window of rate_per_min */
        @NotNull @DefaultValue("60s") Duration rateWindow,
        /* time constant of the smoothed rate (exponential, across snapshots) */
        @NotNull @DefaultValue("120s") Duration smoothing,
        /* most running tasks a progress answer lists with their own progress */
        @Min(0) @Max(1000) @DefaultValue("20") int runningTasks) {
}
