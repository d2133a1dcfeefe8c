package org.geoetl.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.TransientTaskException;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.engine.message.TaskMessage;
import org.geoetl.engine.state.ErrorKind;
import org.geoetl.engine.store.ClaimedTask;
import org.geoetl.engine.store.EventRepository;
import org.geoetl.engine.store.TaskRepository;
import org.geoetl.error.GeoEtlException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens when a handler throws. A transient (or unclassified) failure with attempts left is
 * retried: the task goes back to queued and its message is re-sent with a backoff delay — no
 * thread sleeps. A permanent failure, or the last attempt, fails the task with its cause, fails the
 * job with an error naming the task, cancels the job's tasks that have not started, and
 * dead-letters the message once with the reason — all decided in one transaction.
 */
@Component
public class TaskFailures {

    /** What became of the failed task: retried later, failed (and its job with it), or neither (no longer ours). */
    public enum Outcome { RETRYING, FAILED, NOT_OURS }

    /** A handler's failure and what must be sent because of it. */
    public record Handled(Outcome outcome, List<Outgoing> messages) {
    }

    private final TaskRepository tasks;
    private final EventRepository events;
    private final JobTermination termination;
    private final RetryPolicies retries;
    private final TransactionTemplate tx;
    private final Clock clock;

    public TaskFailures(TaskRepository tasks, EventRepository events, JobTermination termination,
                        RetryPolicies retries, TransactionTemplate tx, Clock clock) {
        this.tasks = tasks;
        this.events = events;
        this.termination = termination;
        this.retries = retries;
        this.tx = tx;
        this.clock = clock;
    }

    /** @param message the task's own message (one task), re-sent delayed for a retry or dead-lettered */
    public Handled handlerFailed(ClaimedTask task, TaskMessage message, Throwable error, long durationMs) {
        ErrorKind kind = classify(error);
        String reason = describe(error);
        if (kind.retryable() && task.attempts() < task.maxAttempts()) {
            return retry(task, message, kind, reason, durationMs);
        }
        String finalReason = kind == ErrorKind.PERMANENT ? reason
                : reason + " (after " + task.attempts() + " attempt" + (task.attempts() == 1 ? "" : "s") + ")";
        boolean failed = Boolean.TRUE.equals(tx.execute(status -> {
            if (!tasks.fail(task.taskId(), finalReason, kind.sql())) {
                return false; // no longer ours (cancelled or taken over): nothing to record
            }
            events.record(task.jobId(), task.taskId(), task.stage(), "task_failed", "failure",
                    Map.of("task_type", task.taskType(), "task_index", task.taskIndex(), "error_type", kind.sql(),
                            "attempt", task.attempts()), finalReason, durationMs);
            termination.fail(task.jobId(), task.stage(), "task " + task.taskType() + " #" + task.taskIndex()
                    + " of stage '" + task.stageName() + "' failed (" + kind + "): " + finalReason);
            return true;
        }));
        return failed ? new Handled(Outcome.FAILED, List.of(Outgoing.deadLetter(message, finalReason)))
                : new Handled(Outcome.NOT_OURS, List.of());
    }

    private Handled retry(ClaimedTask task, TaskMessage message, ErrorKind kind, String reason, long durationMs) {
        Duration delay = retries.delayAfter(task.taskType(), task.attempts());
        boolean scheduled = Boolean.TRUE.equals(tx.execute(status -> {
            if (!tasks.scheduleRetry(task.taskId(), "attempt " + task.attempts() + ": " + reason, kind.sql(),
                    OffsetDateTime.now(clock).plus(delay))) {
                return false;
            }
            events.record(task.jobId(), task.taskId(), task.stage(), "task_retrying", "warning",
                    Map.of("task_type", task.taskType(), "task_index", task.taskIndex(), "error_type", kind.sql(),
                            "attempt", task.attempts(), "max_attempts", task.maxAttempts(),
                            "delay_ms", delay.toMillis()), reason, durationMs);
            return true;
        }));
        return scheduled ? new Handled(Outcome.RETRYING, List.of(Outgoing.taskLater(message, delay.toMillis())))
                : new Handled(Outcome.NOT_OURS, List.of());
    }

    static ErrorKind classify(Throwable error) {
        if (error instanceof GeoEtlException g) {
            return g.isClientError() ? ErrorKind.PERMANENT : ErrorKind.TRANSIENT;
        }
        if (error instanceof PermanentTaskException || error instanceof IllegalArgumentException
                || error instanceof ClassCastException || error instanceof NullPointerException) {
            return ErrorKind.PERMANENT;
        }
        if (error instanceof TransientTaskException || error instanceof java.io.IOException
                || error instanceof java.util.concurrent.TimeoutException
                || error instanceof org.springframework.dao.TransientDataAccessException) {
            return ErrorKind.TRANSIENT;
        }
        return ErrorKind.UNKNOWN;
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        String text = message == null || message.isBlank() ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + message;
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }
}
