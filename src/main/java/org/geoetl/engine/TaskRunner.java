package org.geoetl.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.engine.message.TaskMessage;
import org.geoetl.engine.state.JobStatus;
import org.geoetl.engine.store.ClaimedTask;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.engine.store.StageRepository;
import org.geoetl.engine.store.TaskRepository;
import org.geoetl.engine.store.TaskViewRepository;
import org.springframework.stereotype.Component;

/**
 * Runs one task message — one task or a batch of one stage's tasks: claim them in one statement,
 * run their handlers ({@link TaskBatchExecutor}), complete them through the stage barrier.
 * Returns what must be sent next: the {@code stage_complete} signal when a completion finished its
 * stage, delayed retries, dead letters, or tasks handed back (stopped for shutdown, deferred by a
 * concurrency cap).
 *
 * <p>A task that cannot be claimed (already running, finished, or its job ended) runs nothing. If
 * such a task is completed and its stage finished while the job still sits on that stage, the
 * stage_complete signal is returned again: the earlier delivery may have committed the completion
 * but died before its signal was sent. The orchestrator ignores duplicates.
 */
@Component
public class TaskRunner {

    /** How long a task deferred by its type's concurrency cap waits before it is offered again. */
    static final long CAP_DEFERRAL_MS = 1000;

    private final TaskRepository tasks;
    private final TaskViewRepository views;
    private final StageRepository stages;
    private final JobRepository jobs;
    private final RunningTasks running;
    private final ConcurrencyCaps caps;
    private final TaskBatchExecutor executor;
    private final WorkerIdentity worker;
    private final GeoEtlProperties properties;

    public TaskRunner(TaskRepository tasks, TaskViewRepository views, StageRepository stages, JobRepository jobs,
                      RunningTasks running, ConcurrencyCaps caps, TaskBatchExecutor executor, WorkerIdentity worker,
                      GeoEtlProperties properties) {
        this.tasks = tasks;
        this.views = views;
        this.stages = stages;
        this.jobs = jobs;
        this.running = running;
        this.caps = caps;
        this.executor = executor;
        this.worker = worker;
        this.properties = properties;
    }

    public List<Outgoing> run(TaskMessage message) {
        List<String> held = new ArrayList<>();
        try {
            return claimAndRun(message, held);
        } finally {
            running.removeAll(held);
        }
    }

    private List<Outgoing> claimAndRun(TaskMessage message, List<String> held) {
        List<String> ids = message.taskIds();
        Optional<Integer> cap = caps.capFor(message.taskType());
        if (cap.isPresent() && ids.size() > 1) {
            // under a cap every task is claimed on its own: hand the batch back as one message per task
            return ids.stream().map(id -> Outgoing.task(message.only(id))).toList();
        }
        if (cap.isPresent()) {
            Optional<List<ClaimedTask>> underCap = caps.claimUnderCap(message.taskType(), cap.get(),
                    () -> claim(ids, held));
            if (underCap.isEmpty()) {
                return List.of(Outgoing.taskLater(message.only(ids.get(0)), CAP_DEFERRAL_MS));
            }
            if (underCap.get().isEmpty()) {
                return lostSignal(message, ids).map(Outgoing::job).map(List::of).orElse(List.of());
            }
            return executor.executeClaimed(message, underCap.get());
        }
        TaskBatchExecutor.Run run = executor.execute(message, ids, wanted -> claim(wanted, held));
        List<Outgoing> out = new ArrayList<>(run.messages());
        if (!run.unclaimed().isEmpty()) {
            lostSignal(message, run.unclaimed()).ifPresent(signal -> out.add(Outgoing.job(signal)));
        }
        return out;
    }

    /**
     * Claims the tasks no other consumer of this process is running, and holds the claimed ones
     * (in {@code held}, released when the message is done): a duplicate delivery handled by another
     * consumer of this process meanwhile skips them instead of re-claiming "its own" tasks. Only
     * claimed tasks are held, so a re-sent message for a task this message could not claim is not
     * swallowed.
     */
    private List<ClaimedTask> claim(List<String> wanted, List<String> held) {
        List<String> mine = running.addAll(wanted);
        if (mine.isEmpty()) {
            return List.of();
        }
        List<ClaimedTask> claimed;
        try {
            claimed = tasks.claim(mine, worker.id(), properties.worker().lease(), true);
        } catch (RuntimeException e) {
            running.removeAll(mine);
            throw e;
        }
        List<String> got = claimed.stream().map(ClaimedTask::taskId).toList();
        held.addAll(got);
        running.removeAll(mine.stream().filter(id -> !got.contains(id)).toList());
        return claimed;
    }

    private Optional<JobMessage> lostSignal(TaskMessage message, List<String> unclaimed) {
        boolean stageDone = views.anyCompleted(unclaimed) && stages.find(message.jobId(), message.stage())
                .map(StageRepository.StageRow::isCompleted).orElse(false);
        boolean jobWaiting = stageDone && jobs.find(message.jobId())
                .map(j -> j.status() == JobStatus.PROCESSING && j.stage() == message.stage()).orElse(false);
        return jobWaiting ? Optional.of(JobMessage.stageComplete(message.jobId(), message.stage())) : Optional.empty();
    }

    /** Asks running handlers to stop at their next phase boundary (graceful shutdown). */
    public void requestStop() {
        executor.requestStop();
    }
}
