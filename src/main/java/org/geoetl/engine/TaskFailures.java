package org.geoetl.engine;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.TransientTaskException;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.engine.message.TaskMessage;
import org.geoetl.engine.store.ClaimedTask;
import org.geoetl.engine.store.EventRepository;
import org.geoetl.engine.store.TaskRepository;
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

    private final TaskRepository tasks;
    private final EventRepository events;
    private final JobTermination termination;
    private final RetryPolicies retries;
    private final TransactionTemplate tx;

    public TaskFailures(TaskRepository tasks, EventRepository events, JobTermination termination,
                        RetryPolicies retries, TransactionTemplate tx) {
        this.tasks = tasks;
        this.events = events;
        this.termination = termination;
        this.retries = retries;
        this.tx = tx;
    }

    public List<Outgoing> handlerFailed(ClaimedTask task, TaskMessage message, Throwable error, long durationMs) {
        String type = classify(error);
        String reason = describe(error);
        boolean retry = !"permanent".equals(type) && task.attempts() < task.maxAttempts();
        if (retry) {
            Duration delay = retries.delayAfter(task.taskType(), task.attempts());
            boolean scheduled = Boolean.TRUE.equals(tx.execute(status -> {
                if (!tasks.scheduleRetry(task.taskId(), "attempt " + task.attempts() + ": " + reason, type,
                        OffsetDateTime.now().plus(delay))) {
                    return false;
                }
                events.record(task.jobId(), task.taskId(), task.stage(), "task_retrying", "warning",
                        Map.of("task_type", task.taskType(), "task_index", task.taskIndex(), "error_type", type,
                                "attempt", task.attempts(), "max_attempts", task.maxAttempts(),
                                "delay_ms", delay.toMillis()), reason, durationMs);
                return true;
            }));
            return scheduled ? List.of(Outgoing.taskLater(message, delay.toMillis())) : List.of();
        }
        String finalReason = "permanent".equals(type) ? reason
                : reason + " (after " + task.attempts() + " attempt" + (task.attempts() == 1 ? "" : "s") + ")";
        boolean failed = Boolean.TRUE.equals(tx.execute(status -> {
            if (!tasks.fail(task.taskId(), finalReason, type)) {
                return false; // no longer ours (cancelled or taken over): nothing to record
            }
            events.record(task.jobId(), task.taskId(), task.stage(), "task_failed", "failure",
                    Map.of("task_type", task.taskType(), "task_index", task.taskIndex(), "error_type", type,
                            "attempt", task.attempts()), finalReason, durationMs);
            termination.fail(task.jobId(), task.stage(), "task " + task.taskType() + " #" + task.taskIndex()
                    + " of stage '" + task.stageName() + "' failed (" + type + "): " + finalReason);
            return true;
        }));
        return failed ? List.of(Outgoing.deadLetter(message, finalReason)) : List.of();
    }

    static String classify(Throwable error) {
        if (error instanceof PermanentTaskException || error instanceof IllegalArgumentException
                || error instanceof ClassCastException || error instanceof NullPointerException) {
            return "permanent";
        }
        if (error instanceof TransientTaskException || error instanceof java.io.IOException
                || error instanceof java.util.concurrent.TimeoutException
                || error instanceof org.springframework.dao.TransientDataAccessException) {
            return "transient";
        }
        return "unknown";
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        String text = message == null || message.isBlank() ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + message;
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }
}
