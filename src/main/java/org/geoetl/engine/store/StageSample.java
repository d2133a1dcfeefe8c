package org.geoetl.engine.store;

import java.time.Instant;

/**
 * One stage's task rows of one status, as the progress query groups them.
 *
 * @param recentCompleted completed inside the rate window
 * @param attempts        attempts started, summed (a retry is one more)
 * @param runningPercent  the handler-reported percent of the running tasks, summed
 * @param firstStarted    the earliest start of a task in the group (null when none started)
 */
public record StageSample(int stage, String stageName, String taskType, String status, long count,
                          long recentCompleted, long attempts, double runningPercent, Instant firstStarted) {
}
