package org.geoetl.curated.update;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import org.geoetl.catalog.Approvals;
import org.geoetl.curated.CuratedDatasetRepository;
import org.geoetl.engine.JobCompletionListener;
import org.geoetl.engine.JobFailureListener;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.vector.VectorCleanup;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The ends of a curated run that no task sees: a failed or cancelled run closes its update-log
 * row as failed (with the job's error) and leaves no staging tables; a completed run of a dataset
 * marked auto-approve is approved by the system, after {@link Approvals} opened its approval
 * (hence the order), under the reviewer name {@code auto-approve:curated:<id>}.
 */
@Component
@Order(100)
public class CuratedRunEnds implements JobFailureListener, JobCompletionListener {

    static final String JOB_TYPE = "curated_dataset_update";

    private final CuratedDatasetRepository registry;
    private final JobRepository jobs;
    private final VectorCleanup vectors;
    private final AcledTable acled;
    private final Approvals approvals;
    private final Clock clock;
    private final org.geoetl.telemetry.Meters meters;

    public CuratedRunEnds(CuratedDatasetRepository registry, JobRepository jobs, VectorCleanup vectors,
                          AcledTable acled, Approvals approvals, Clock clock, org.geoetl.telemetry.Meters meters) {
        this.meters = meters;
        this.registry = registry;
        this.jobs = jobs;
        this.vectors = vectors;
        this.acled = acled;
        this.approvals = approvals;
        this.clock = clock;
    }

    @Override
    public void jobEnded(String jobId, String jobType, Map<String, Object> parameters) {
        if (!JOB_TYPE.equals(jobType)) {
            return;
        }
        String error = jobs.find(jobId).map(j -> j.errorDetails()).orElse(null);
        if (registry.logFinished(jobId, "failed", null, "{}", error == null ? "the run failed or was cancelled" : error,
                clock.instant())) {
            meters.curatedUpdate(String.valueOf(parameters.get("dataset_id")), "failed");
        }
        registry.find((String) parameters.get("dataset_id")).ifPresent(d -> {
            vectors.dropStaging(d.targetSchema(), jobId);
            acled.dropStaging(d.targetSchema(), jobId);
        });
    }

    @Override
    public void jobCompleted(String jobId, String jobType, JsonNode result) {
        if (!JOB_TYPE.equals(jobType) || !"updated".equals(result.path("results").path(0).path("outcome").asText(null))) {
            return;
        }
        String id = result.path("results").path(0).path("dataset_id").asText();
        registry.find(id).filter(d -> d.autoApprove()).ifPresent(d -> approvals.autoApprove(jobId,
                "auto-approve:curated:" + id, "the registry entry of " + id + " says auto_approve"));
    }
}
