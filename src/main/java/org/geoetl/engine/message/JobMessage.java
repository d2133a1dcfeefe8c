package org.geoetl.engine.message;

/**
 * A message on the jobs queue: {@code job_submit} (plan stage 1) or {@code stage_complete}
 * (stage N finished: plan N+1 or finalize). Carries ids only; the database holds the state.
 */
public record JobMessage(String type, String jobId, Integer stage) {

    public static final String SUBMIT = "job_submit";
    public static final String STAGE_COMPLETE = "stage_complete";

    public static JobMessage submit(String jobId) {
        return new JobMessage(SUBMIT, jobId, null);
    }

    public static JobMessage stageComplete(String jobId, int stage) {
        return new JobMessage(STAGE_COMPLETE, jobId, stage);
    }
}
