package org.geoetl.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.engine.store.AbandonedTask;
import org.geoetl.engine.store.DispatchRow;
import org.geoetl.engine.store.EventRepository;
import org.geoetl.engine.store.TaskRecoveryRepository;
import org.geoetl.engine.store.TaskRepository;
import org.springframework.stereotype.Component;

/**
 * Takes back tasks whose worker is gone — found by an expired lease (janitor) or a dead worker
 * instance (reaper): back to queued and re-sent, or, when their attempts are used up (an input
 * that kills the worker), failed with that reason, failing the job. Call inside a transaction
 * holding the tasks' row locks.
 */
@Component
public class AbandonedTasks {

    /** What a recovery did: tasks re-queued, tasks failed, and the messages to send. */
    public record Recovered(int requeued, int failed, List<Outgoing> messages) {
    }

    private final TaskRepository tasks;
    private final TaskRecoveryRepository recovery;
    private final EventRepository events;
    private final JobTermination termination;
    private final TaskMessages messages;

    public AbandonedTasks(TaskRepository tasks, TaskRecoveryRepository recovery, EventRepository events,
                          JobTermination termination, TaskMessages messages) {
        this.tasks = tasks;
        this.recovery = recovery;
        this.events = events;
        this.termination = termination;
        this.messages = messages;
    }

    /** @param lost why each task's worker is considered gone, e.g. "worker X stopped heartbeating" */
    public Recovered recover(List<AbandonedTask> abandoned, Function<AbandonedTask, String> lost) {
        List<DispatchRow> requeued = new ArrayList<>();
        int failed = 0;
        for (AbandonedTask t : abandoned) {
            String reason = lost.apply(t) + " during attempt " + t.attempts();
            if (t.attemptsUsedUp()) {
                String why = reason + "; all " + t.attempts() + " attempts ended this way — the input may crash the worker";
                if (tasks.fail(t.taskId(), why, org.geoetl.engine.state.ErrorKind.UNKNOWN.sql())) {
                    events.record(t.jobId(), t.taskId(), t.stage(), "task_failed", "failure",
                            Map.of("attempt", t.attempts()), why, null);
                    termination.fail(t.jobId(), t.stage(), "task " + t.taskType() + " #" + t.taskIndex()
                            + " of stage '" + t.stageName() + "' failed: " + why);
                    failed++;
                }
                continue;
            }
            if (recovery.requeue(t.taskId(), reason)) {
                events.record(t.jobId(), t.taskId(), t.stage(), "task_requeued", "warning",
                        Map.of("attempt", t.attempts(), "executed_by", String.valueOf(t.executedBy())), reason, null);
                requeued.add(t.dispatchRow());
            }
        }
        return new Recovered(requeued.size(), failed, messages.oneEach(requeued));
    }
}
