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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TaskFailures.class);

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
        if (kind == ErrorKind.PERMANENT && (error instanceof GeoEtlException || error instanceof PermanentTaskException)) {
            log.info("task {} ({}) of job {} failed: {}", task.taskId(), task.taskType(), task.jobId(), reason);
        } else {
            // what users see is reduced to words; the detail stays here
            log.warn("task {} ({}) of job {} failed ({})", task.taskId(), task.taskType(), task.jobId(), kind, error);
        }
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
        java.sql.SQLException sql = sqlCause(error);
        if (sql != null && !(error instanceof GeoEtlException) && !(error instanceof PermanentTaskException)) {
            return bySqlState(sql.getSQLState());
        }
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

    /**
     * The database's verdict decides: a statement it refuses (bad data 22, constraint 23, rule or
     * name 42, a limit such as 1,600 columns 54) fails the same way every time; a lost connection
     * (08), a deadlock or serialization failure (40) or lack of resources (53, 57) may pass later.
     */
    static ErrorKind bySqlState(String state) {
        String cls = state == null || state.length() < 2 ? "" : state.substring(0, 2);
        return switch (cls) {
            case "08", "40", "53", "57", "58" -> ErrorKind.TRANSIENT;
            case "22", "23", "42", "54", "0A", "2B", "44" -> ErrorKind.PERMANENT;
            default -> ErrorKind.UNKNOWN;
        };
    }

    static java.sql.SQLException sqlCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** What the task row and the job's events say: never SQL, paths or secrets. */
    static String describe(Throwable error) {
        java.sql.SQLException sql = sqlCause(error);
        String text;
        if (sql != null && !(error instanceof GeoEtlException) && !(error instanceof PermanentTaskException)) {
            text = "the database refused a statement: " + serverMessage(sql) + " (SQLSTATE " + sql.getSQLState() + ")"
                    + hint(sql.getSQLState());
        } else if (error instanceof GeoEtlException || error instanceof PermanentTaskException
                || error instanceof TransientTaskException) {
            text = error.getMessage() == null ? "failed" : error.getMessage(); // ours: written for users
        } else if (error instanceof java.io.IOException || error instanceof java.io.UncheckedIOException) {
            text = "I/O failure" + (error.getMessage() == null || error.getMessage().isBlank() ? "" : ": " + error.getMessage());
        } else {
            // a library's or our own bug: its message may name classes and methods; the log has it
            text = "unexpected failure (" + words(error.getClass().getSimpleName()) + "); the service log has the detail";
        }
        text = org.geoetl.error.Redaction.scrub(text);
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }

    /** NullPointerException → "null pointer". */
    static String words(String type) {
        return type.replaceAll("(Exception|Error)$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    /** PostgreSQL's primary message alone (the driver's text may append the statement's position and context). */
    private static String serverMessage(java.sql.SQLException sql) {
        if (sql instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
            return p.getServerErrorMessage().getMessage();
        }
        String m = sql.getMessage() == null ? "" : sql.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String hint(String state) {
        return switch (state == null ? "" : state) {
            case "54011" -> "; the table would have more columns than PostgreSQL allows (1,600)";
            case "42P07" -> "; a table of that name exists already";
            case "42501" -> "; the service's database user may not do this";
            default -> "";
        };
    }
}
