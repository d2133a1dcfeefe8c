package org.geoetl.progress;

import java.time.Instant;
import java.util.List;
import org.geoetl.engine.store.RunningTask;

/**
 * How far a job is, how fast it moves and when it will be done.
 *
 * @param ratePerMin          tasks completed per minute over the rate window (60 s, or the time since
 *                            the job's first task started when shorter)
 * @param rateSmoothedPerMin  the rate smoothed exponentially across snapshots (time constant
 *                            geoetl.metrics.smoothing); the ETA uses it once it is above 0
 * @param etaSeconds          null while the rate is 0 (unknown), 0 once the job has ended
 * @param etaScope            {@code job} when every stage that will run is planned, else
 *                            {@code planned_tasks}: later stages' tasks are not known yet
 * @param errorRate           failed attempts over finished attempts (retries included)
 */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobProgress(String jobId, String jobType, String status, int currentStage, int totalStages,
                          double progressPct, TaskCounts tasks, double ratePerMin, double rateSmoothedPerMin,
                          Double etaSeconds, String etaScope, double errorRate, Instant at,
                          List<StageProgress> stages, List<RunningTask> running) {
}
