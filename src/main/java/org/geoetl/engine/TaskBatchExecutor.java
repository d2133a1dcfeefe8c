package org.geoetl.engine;

import org.geoetl.telemetry.Meters;
import org.geoetl.telemetry.Tracing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.definition.JobDefinitionRegistry;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.geoetl.engine.handler.TaskStoppedException;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.engine.message.TaskMessage;
import org.geoetl.engine.store.ClaimedTask;
import org.geoetl.engine.store.EventRepository;
import org.geoetl.engine.store.JsonColumns;
import org.geoetl.engine.store.StageBarrier;
import org.geoetl.engine.store.TaskProgressRepository;
import org.geoetl.engine.store.TaskRepository;
import org.springframework.stereotype.Component;

/**
 * Runs the tasks of one message one after another. Tasks are claimed as they are reached, in
 * growing steps while they prove fast (1, 4, 16 … up to {@value #MAX_STEP} per claim while a task
 * takes under {@value #FAST_MS} ms; back to 1 as soon as one is slower), so a cancel or a failure
 * still finds every task not yet reached queued, while no-op-sized tasks cost one claim per many.
 * Successes are completed through the {@link StageBarrier} in one statement per flush — at the end,
 * or when the oldest unrecorded result is {@code geoetl.engine.completion-flush} old. A failure is
 * handled per task (retry or fail); when it ends the job, the rest of the message is left alone
 * (the job's ending cancelled it). On shutdown the tasks not yet started are handed back.
 */
@Component
public class TaskBatchExecutor {

    static final int MAX_STEP = 64;
    static final long FAST_MS = 5;

    /** What a message's run produced, and which of its tasks could not be claimed. */
    public record Run(List<Outgoing> messages, List<String> unclaimed) {
    }

    private final TaskRepository tasks;
    private final TaskProgressRepository progress;
    private final EventRepository events;
    private final StageBarrier barrier;
    private final TaskFailures failures;
    private final TaskHandlerRegistry handlers;
    private final JobDefinitionRegistry definitions;
    private final JsonColumns json;
    private final StageAdvance advance;
    private final Tracing tracing;
    private final Meters meters;
    private final long flushNanos;
    private final AtomicBoolean stopping = new AtomicBoolean();

    public TaskBatchExecutor(TaskRepository tasks, TaskProgressRepository progress, EventRepository events,
                             StageBarrier barrier, TaskFailures failures, TaskHandlerRegistry handlers,
                             JobDefinitionRegistry definitions, JsonColumns json, StageAdvance advance,
                             GeoEtlProperties properties, Tracing tracing, Meters meters) {
        this.tracing = tracing;
        this.meters = meters;
        this.tasks = tasks;
        this.progress = progress;
        this.events = events;
        this.barrier = barrier;
        this.failures = failures;
        this.handlers = handlers;
        this.definitions = definitions;
        this.json = json;
        this.advance = advance;
        this.flushNanos = properties.engine().completionFlush().toNanos();
    }

    /** Claims (through {@code claim}) and runs the tasks {@code ids} of {@code message}, in order. */
    public Run execute(TaskMessage message, List<String> ids, Function<List<String>, List<ClaimedTask>> claim) {
        Batch batch = new Batch(message);
        int next = 0;
        int step = 1;
        while (next < ids.size() && !batch.jobEnded) {
            if (stopping.get()) {
                // shutting down: what was not reached goes back on the queue, still queued
                batch.out.add(Outgoing.task(new TaskMessage(ids.subList(next, ids.size()), message.jobId(),
                        message.stage(), message.taskType(), message.queueClass())));
                break;
            }
            List<String> wanted = ids.subList(next, Math.min(ids.size(), next + step));
            next += wanted.size();
            List<ClaimedTask> claimed = claim.apply(wanted);
            if (claimed.size() < wanted.size()) {
                wanted.stream().filter(id -> claimed.stream().noneMatch(t -> t.taskId().equals(id)))
                        .forEach(batch.unclaimed::add);
            }
            long started = System.nanoTime();
            runAll(claimed, batch);
            // nothing claimed (the job ended, or duplicates): no reason to go back to one at a time
            boolean fast = claimed.isEmpty()
                    || (System.nanoTime() - started) / claimed.size() < FAST_MS * 1_000_000;
            step = fast ? Math.min(MAX_STEP, step * 4) : 1;
        }
        complete(batch);
        return new Run(batch.out, batch.unclaimed);
    }

    /** Runs tasks claimed elsewhere (under a concurrency cap). */
    public List<Outgoing> executeClaimed(TaskMessage message, List<ClaimedTask> claimed) {
        Batch batch = new Batch(message);
        runAll(claimed, batch);
        complete(batch);
        return batch.out;
    }

    private void runAll(List<ClaimedTask> claimed, Batch batch) {
        for (int i = 0; i < claimed.size(); i++) {
            ClaimedTask task = claimed.get(i);
            if (batch.jobEnded || stopping.get()) {
                // claimed in this step but not started: back to the queue (or, job ended, nothing to do)
                List<String> rest = claimed.subList(i, claimed.size()).stream().map(ClaimedTask::taskId).toList();
                if (batch.jobEnded) {
                    tasks.cancelClaimed(rest, "not run: an earlier task of its batch failed the job");
                } else {
                    tasks.interrupt(rest);
                    rest.forEach(id -> batch.out.add(Outgoing.task(batch.message.only(id))));
                }
                return;
            }
            runOne(task, batch);
            if (!batch.results.isEmpty() && System.nanoTime() - batch.oldestResult >= flushNanos) {
                complete(batch);
            }
        }
    }

    private void runOne(ClaimedTask task, Batch batch) {
        try (Tracing.Scope span = tracing.start("task " + task.taskType(), null,
                Map.of("job_id", task.jobId(), "task_id", task.taskId()))) {
            span.tag("stage", Integer.toString(task.stage())).tag("attempt", Integer.toString(task.attempts()));
            Meters.TaskOutcome outcome = runTraced(task, batch, span);
            meters.taskFinished(task.taskType(), outcome, java.time.Duration.ofNanos(System.nanoTime() - span.startedNanos()));
        }
    }

    private Meters.TaskOutcome runTraced(ClaimedTask task, Batch batch, Tracing.Scope span) {
        long started = span.startedNanos();
        EngineTaskContext context = new EngineTaskContext(task, definitions.get(task.jobType(), task.definitionVersion()), tasks, progress,
                json.mapper(), stopping::get);
        try {
            Object result = handlers.get(task.taskType()).handle(context);
            if (batch.results.isEmpty()) {
                batch.oldestResult = System.nanoTime();
            }
            batch.results.put(task.taskId(), StageData.write(result == null ? Map.of() : result));
            return Meters.TaskOutcome.COMPLETED;
        } catch (TaskStoppedException e) {
            if (tasks.interrupt(List.of(task.taskId())) == 1) {
                events.record(task.jobId(), task.taskId(), task.stage(), "task_interrupted", "warning",
                        Map.of("checkpoint_phase", context.checkpointPhase(), "attempt", task.attempts()),
                        e.getMessage(), elapsedMs(started));
            }
            batch.out.add(Outgoing.task(batch.message.only(task.taskId()))); // the next worker resumes it
            return Meters.TaskOutcome.INTERRUPTED;
        } catch (Exception | LinkageError | AssertionError e) {
            span.error(e);
            TaskFailures.Handled handled = failures.handlerFailed(task, batch.message.only(task.taskId()), e,
                    elapsedMs(started));
            batch.out.addAll(handled.messages());
            batch.jobEnded = handled.outcome() == TaskFailures.Outcome.FAILED;
            return handled.outcome() == TaskFailures.Outcome.RETRYING ? Meters.TaskOutcome.RETRYING
                    : Meters.TaskOutcome.FAILED;
        }
    }

    private void complete(Batch batch) {
        if (batch.results.isEmpty()) {
            return;
        }
        barrier.completeAll(batch.results).filter(StageBarrier.Completion::stageDone)
                .ifPresent(c -> batch.out.addAll(advance.stageFinished(c.jobId(), c.stage())));
        batch.results.clear();
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Asks running handlers to stop at their next phase boundary, and batches to start no further task. */
    public void requestStop() {
        stopping.set(true);
    }

    /** The state of one message's run. */
    private static final class Batch {
        final TaskMessage message;
        final List<Outgoing> out = new ArrayList<>();
        final List<String> unclaimed = new ArrayList<>();
        final Map<String, Object> results = new LinkedHashMap<>();
        long oldestResult;
        boolean jobEnded;

        Batch(TaskMessage message) {
            this.message = message;
        }
    }
}
