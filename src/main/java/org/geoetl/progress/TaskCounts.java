package org.geoetl.progress;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Tasks of a job or stage by status (the statuses of app.tasks). */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskCounts(long total, long queued, long processing, long completed, long failed, long cancelled,
                         long interrupted) {

    public static final TaskCounts NONE = new TaskCounts(0, 0, 0, 0, 0, 0, 0);

    public TaskCounts plus(TaskCounts o) {
        return new TaskCounts(total + o.total, queued + o.queued, processing + o.processing, completed + o.completed,
                failed + o.failed, cancelled + o.cancelled, interrupted + o.interrupted);
    }

    /** Tasks that will not run again: completed, failed or cancelled. */
    @JsonIgnore
    public long settled() {
        return completed + failed + cancelled;
    }

    static TaskCounts of(String status, long n) {
        return switch (status) {
            case "queued", "pending" -> new TaskCounts(n, n, 0, 0, 0, 0, 0);
            case "processing" -> new TaskCounts(n, 0, n, 0, 0, 0, 0);
            case "completed" -> new TaskCounts(n, 0, 0, n, 0, 0, 0);
            case "failed" -> new TaskCounts(n, 0, 0, 0, n, 0, 0);
            case "cancelled" -> new TaskCounts(n, 0, 0, 0, 0, n, 0);
            case "interrupted" -> new TaskCounts(n, 0, 0, 0, 0, 0, n);
            default -> throw new IllegalArgumentException("unknown task status " + status);
        };
    }
}
