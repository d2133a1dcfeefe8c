package org.geoetl.engine;

import java.util.Map;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.TransientTaskException;
import org.geoetl.engine.store.ClaimedTask;
import org.geoetl.engine.store.EventRepository;
import org.geoetl.engine.store.TaskRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens when a handler throws: the task is failed with the cause, the job is failed with an
 * error naming the task, and the job's tasks that have not started are cancelled — one transaction.
 */
@Component
public class TaskFailures {

    private final TaskRepository tasks;
    private final EventRepository events;
    private final JobTermination termination;
    private final TransactionTemplate tx;

    public TaskFailures(TaskRepository tasks, EventRepository events, JobTermination termination,
                        TransactionTemplate tx) {
        this.tasks = tasks;
        this.events = events;
        this.termination = termination;
        this.tx = tx;
    }

    public void handlerFailed(ClaimedTask task, Throwable error, long durationMs) {
        String type = classify(error);
        String reason = describe(error);
        tx.executeWithoutResult(status -> {
            if (!tasks.fail(task.taskId(), reason, type)) {
                return; // no longer ours (cancelled or taken over): nothing to record
            }
            events.record(task.jobId(), task.taskId(), task.stage(), "task_failed", "failure",
                    Map.of("task_type", task.taskType(), "task_index", task.taskIndex(), "error_type", type,
                            "attempt", task.attempts()), reason, durationMs);
            termination.fail(task.jobId(), task.stage(), "task " + task.taskType() + " #" + task.taskIndex()
                    + " of stage '" + task.stageName() + "' failed (" + type + "): " + reason);
        });
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
