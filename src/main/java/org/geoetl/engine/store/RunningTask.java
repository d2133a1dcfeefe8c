package org.geoetl.engine.store;

import java.time.Instant;

/** A running task and what its handler last said about itself (items are null when it does not count). */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunningTask(String taskId, int stage, String taskType, Integer progressPct, String message,
                          Long itemsDone, Long itemsTotal, String worker, Instant startedAt, Instant updatedAt) {
}
