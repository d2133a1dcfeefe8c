package org.geoetl.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.definition.JobDefinitionRegistry;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.geoetl.engine.handler.TaskStoppedException;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.engine.message.TaskMessage;
import org.geoetl.engine.store.ClaimedTask;
import org.geoetl.engine.store.EventRepository;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.engine.store.JsonColumns;
import org.geoetl.engine.store.StageRepository;
import org.geoetl.engine.store.TaskProgressRepository;
import org.geoetl.engine.store.TaskRepository;
import org.springframework.stereotype.Component;

/**
 * Runs one task message: claim the task, run its handler under a heartbeat, pass the result
 * through the {@link StageBarrier}. Returns what must be sent next: the {@code stage_complete}
 * signal when this completion finished its stage, a delayed retry, a dead letter, or the task
 * itself again (stopped for shutdown, or deferred by a concurrency cap).
 *
 * <p>A message for a task that cannot be claimed (already running, finished, or its job ended) runs
 * nothing. If that task is completed and its stage finished while the job still sits on that stage,
 * the stage_complete signal is returned again: the earlier delivery may have committed the
 * completion but died before its signal was sent. The orchestrator ignores duplicates.
 */
@Component
public class TaskRunner {

    /** How long a task deferred by its type's concurrency cap waits before it is offered again. */
    static final long CAP_DEFERRAL_MS = 1000;

    private final TaskRepository tasks;
    private final TaskProgressRepository progress;
    private final StageRepository stages;
    private final JobRepository jobs;
    private final EventRepository events;
    private final StageBarrier barrier;
    private final TaskFailures failures;
    private final TaskHandlerRegistry handlers;
    private final JobDefinitionRegistry definitions;
    private final RunningTasks running;
    private final ConcurrencyCaps caps;
    private final JsonColumns json;
    private final WorkerIdentity worker;
    private final GeoEtlProperties properties;
    private final AtomicBoolean stopping = new AtomicBoolean();

    public TaskRunner(TaskRepository tasks, TaskProgressRepository progress, StageRepository stages,
                      JobRepository jobs, EventRepository events, StageBarrier barrier, TaskFailures failures,
                      TaskHandlerRegistry handlers, JobDefinitionRegistry definitions, RunningTasks running,
                      ConcurrencyCaps caps, JsonColumns json, WorkerIdentity worker, GeoEtlProperties properties) {
        this.tasks = tasks;
        this.progress = progress;
        this.stages = stages;
        this.jobs = jobs;
        this.events = events;
        this.barrier = barrier;
        this.failures = failures;
        this.handlers = handlers;
        this.definitions = definitions;
        this.running = running;
        this.caps = caps;
        this.json = json;
        this.worker = worker;
        this.properties = properties;
    }

    public List<Outgoing> run(TaskMessage message) {
        // Mark the task as ours before claiming: a duplicate delivery handled by another consumer of
        // this process at the same moment then stops here instead of re-claiming "its own" task.
        if (!running.add(message.taskId())) {
            return List.of();
        }
        try {
            return claimAndRun(message);
        } finally {
            running.remove(message.taskId());
        }
    }

    private List<Outgoing> claimAndRun(TaskMessage message) {
        Optional<Integer> cap = caps.capFor(message.taskType());
        Optional<ClaimedTask> claimed;
        if (cap.isPresent()) {
            Optional<Optional<ClaimedTask>> underCap = caps.claimUnderCap(message.taskType(), cap.get(),
                    () -> claim(message));
            if (underCap.isEmpty()) {
                return List.of(Outgoing.taskLater(message, CAP_DEFERRAL_MS));
            }
            claimed = underCap.get();
        } else {
            claimed = claim(message);
        }
        if (claimed.isEmpty()) {
            return lostSignal(message).map(Outgoing::job).map(List::of).orElse(List.of());
        }
        ClaimedTask task = claimed.get();
        return execute(task, message);
    }

    /** No other consumer of this process holds the task (see {@link #run}), so a task this worker owns may be re-claimed. */
    private Optional<ClaimedTask> claim(TaskMessage message) {
        return tasks.claim(message.taskId(), worker.id(), properties.worker().lease(), true);
    }

    private List<Outgoing> execute(ClaimedTask task, TaskMessage message) {
        TaskHandler handler = handlers.get(task.taskType());
        EngineTaskContext context = new EngineTaskContext(task, definitions.get(task.jobType()), tasks, progress,
                json.mapper(), stopping::get);
        long started = System.nanoTime();
        Map<String, Object> result;
        try {
            result = handler.handle(context);
        } catch (TaskStoppedException e) {
            if (tasks.interrupt(task.taskId())) {
                events.record(task.jobId(), task.taskId(), task.stage(), "task_interrupted", "warning",
                        Map.of("checkpoint_phase", context.checkpointPhase(), "attempt", task.attempts()),
                        e.getMessage(), elapsedMs(started));
            }
            return List.of(Outgoing.task(message)); // waits in the queue for the next worker, which resumes
        } catch (Exception | LinkageError | AssertionError e) {
            return failures.handlerFailed(task, message, e, elapsedMs(started));
        }
        return barrier.complete(task.taskId(), result == null ? Map.of() : result)
                .filter(StageBarrier.Completion::stageDone)
                .map(c -> List.of(Outgoing.job(JobMessage.stageComplete(c.jobId(), c.stage()))))
                .orElse(List.of());
    }

    private Optional<JobMessage> lostSignal(TaskMessage message) {
        boolean completed = tasks.find(message.taskId()).map(t -> "completed".equals(t.status())).orElse(false);
        boolean stageDone = completed && stages.find(message.jobId(), message.stage())
                .map(s -> "completed".equals(s.status())).orElse(false);
        boolean jobWaiting = stageDone && jobs.find(message.jobId())
                .map(j -> "processing".equals(j.status()) && j.stage() == message.stage()).orElse(false);
        return jobWaiting ? Optional.of(JobMessage.stageComplete(message.jobId(), message.stage())) : Optional.empty();
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Asks running handlers to stop at their next phase boundary (graceful shutdown). */
    public void requestStop() {
        stopping.set(true);
    }

}
