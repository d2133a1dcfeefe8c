package org.geoetl.progress;

/**
 * One stage of a job: waiting (not planned yet), running, completed, or skipped (its run_if is false).
 *
 * @param etaSeconds null while nothing completes (unknown), 0 when the stage is done
 */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StageProgress(int stage, String name, String taskType, String status, TaskCounts tasks,
                            double progressPct, double ratePerMin, Double etaSeconds) {
}
