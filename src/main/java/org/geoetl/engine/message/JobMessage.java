package org.geoetl.engine.message;

/**
 * A message on the jobs queue. Carries ids only; the database holds the state.
 * <ul>
 * <li>{@code job_submit}: plan stage 1;</li>
 * <li>{@code stage_complete} (stage): stage N finished — plan N+1 or finalize;</li>
 * <li>{@code plan_tasks} (stage, from): insert and dispatch the next chunk of a stage's tasks,
 *     starting at task index {@code from} (planning is streamed in chunks).</li>
 * </ul>
 */
public record JobMessage(String type, String jobId, Integer stage, Integer from) {

    public static final String SUBMIT = "job_submit";
    public static final String STAGE_COMPLETE = "stage_complete";
    public static final String PLAN_TASKS = "plan_tasks";

    public static JobMessage submit(String jobId) {
        return new JobMessage(SUBMIT, jobId, null, null);
    }

    public static JobMessage stageComplete(String jobId, int stage) {
        return new JobMessage(STAGE_COMPLETE, jobId, stage, null);
    }

    public static JobMessage planTasks(String jobId, int stage, int from) {
        return new JobMessage(PLAN_TASKS, jobId, stage, from);
    }
}
