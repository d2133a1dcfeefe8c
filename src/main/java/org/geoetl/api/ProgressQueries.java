package org.geoetl.api;

import java.time.Duration;
import java.util.Map;
import org.geoetl.progress.JobProgress;
import org.geoetl.progress.JobProgressService;
import org.geoetl.web.QueryParams;
import org.springframework.stereotype.Component;

/** GET /api/jobs/{job_id}/progress and /api/metrics/active. */
@Component("progressQueries")
public class ProgressQueries {

    private final JobProgressService progress;
    private final long maxMinutes;

    public ProgressQueries(JobProgressService progress, org.geoetl.config.GeoEtlProperties properties) {
        this.progress = progress;
        this.maxMinutes = Math.max(1, properties.metrics().retention().toMinutes());
    }

    public JobProgress progress(String jobId) {
        return progress.progress(jobId).orElseThrow(() -> ApiException.notFound("job " + jobId));
    }

    /** Jobs that ran in the last {@code minutes} (1 up to the snapshot retention, default 15). */
    public Map<String, Object> active(String minutes) {
        int m = QueryParams.integer("minutes", minutes, 1, (int) maxMinutes, (int) Math.min(15, maxMinutes));
        return progress.active(Duration.ofMinutes(m));
    }
}
