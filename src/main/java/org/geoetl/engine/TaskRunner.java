package org.geoetl.engine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.definition.JobDefinitionRegistry;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.TaskMessage;
import org.geoetl.engine.store.ClaimedTask;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.engine.store.JsonColumns;
import org.geoetl.engine.store.StageRepository;
import org.geoetl.engine.store.TaskProgressRepository;
import org.geoetl.engine.store.TaskRepository;
import org.springframework.stereotype.Component;

/**
 * Runs one task message: claim the task, run its handler, pass the result through the
 * {@link StageBarrier}. Returns the {@code stage_complete} message to send when this completion
 * finished its stage.
 *
 * <p>A message for a task that cannot be claimed (already running, finished, or its job ended) runs
 * nothing. If that task is completed and its stage finished while the job still sits on that stage,
 * the stage_complete signal is returned again: the earlier delivery may have committed the
 * completion but died before its signal was sent. The orchestrator ignores duplicates.
 */
@Component
public class TaskRunner {

    private final TaskRepository tasks;
    private final TaskProgressRepository progress;
    private final StageRepository stages;
    private final JobRepository jobs;
    private final StageBarrier barrier;
    private final TaskFailures failures;
    private final TaskHandlerRegistry handlers;
    private final JobDefinitionRegistry definitions;
    private final JsonColumns json;
    private final WorkerIdentity worker;
    private final GeoEtlProperties properties;
    private final AtomicBoolean stopping = new AtomicBoolean();

    public TaskRunner(TaskRepository tasks, TaskProgressRepository progress, StageRepository stages,
                      JobRepository jobs, StageBarrier barrier, TaskFailures failures, TaskHandlerRegistry handlers,
                      JobDefinitionRegistry definitions, JsonColumns json, WorkerIdentity worker,
                      GeoEtlProperties properties) {
        this.tasks = tasks;
        this.progress = progress;
        this.stages = stages;
        this.jobs = jobs;
        this.barrier = barrier;
        this.failures = failures;
        this.handlers = handlers;
        this.definitions = definitions;
        this.json = json;
        this.worker = worker;
        this.properties = properties;
    }

    public Optional<JobMessage> run(TaskMessage message) {
        Optional<ClaimedTask> claimed = tasks.claim(message.taskId(), worker.id(), properties.worker().lease());
        if (claimed.isEmpty()) {
            return lostSignal(message);
        }
        ClaimedTask task = claimed.get();
        TaskHandler handler = handlers.get(task.taskType());
        EngineTaskContext context = new EngineTaskContext(task, definitions.get(task.jobType()), tasks, progress,
                json.mapper(), stopping::get);
        long started = System.nanoTime();
        Map<String, Object> result;
        try {
            result = handler.handle(context);
        } catch (Exception | LinkageError | AssertionError e) {
            failures.handlerFailed(task, e, (System.nanoTime() - started) / 1_000_000);
            return Optional.empty();
        }
        return barrier.complete(task.taskId(), result == null ? Map.of() : result)
                .filter(StageBarrier.Completion::stageDone)
                .map(c -> JobMessage.stageComplete(c.jobId(), c.stage()));
    }

    private Optional<JobMessage> lostSignal(TaskMessage message) {
        boolean completed = tasks.find(message.taskId()).map(t -> "completed".equals(t.status())).orElse(false);
        boolean stageDone = completed && stages.find(message.jobId(), message.stage())
                .map(s -> "completed".equals(s.status())).orElse(false);
        boolean jobWaiting = stageDone && jobs.find(message.jobId())
                .map(j -> "processing".equals(j.status()) && j.stage() == message.stage()).orElse(false);
        return jobWaiting ? Optional.of(JobMessage.stageComplete(message.jobId(), message.stage())) : Optional.empty();
    }

    /** Asks running handlers to stop at their next phase boundary (graceful shutdown). */
    public void requestStop() {
        stopping.set(true);
    }
}
