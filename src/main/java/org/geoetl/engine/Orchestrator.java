package org.geoetl.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.definition.JobDefinition;
import org.geoetl.engine.definition.JobDefinitionRegistry;
import org.geoetl.engine.definition.StageDefinition;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.engine.store.DispatchRow;
import org.geoetl.engine.store.EventRepository;
import org.geoetl.engine.store.JobRecord;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.engine.store.NewTask;
import org.geoetl.engine.store.StageRepository;
import org.geoetl.engine.store.TaskRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles the jobs queue: plans stage 1 of a submitted job, plans stage N+1 when stage N completed,
 * finalizes after the last stage. Each message is handled in one transaction holding the job row
 * lock, so duplicate or late messages are harmless: a terminal job is never touched, a stage is
 * planned once ({@code job.stage} moves only forward), and a stage that plans no tasks completes at once.
 *
 * <p>Planning is streamed: the stage row (with its full task count, the barrier's counter) and the
 * first {@code first-planning-chunk} tasks are committed with their messages, and a
 * {@code plan_tasks} message carries on from the next index, {@code planning-chunk} tasks per
 * transaction — so the first tasks run while the rest are still being inserted. Re-planning is
 * deterministic and inserts are idempotent, so a crash or a duplicate message anywhere in the chain
 * is completed by redelivery (or the janitor) without duplicates. Returns the messages to send; the
 * caller sends them in the broker transaction that acknowledges this one.
 */
@Component
public class Orchestrator {

    private static final Logger log = LoggerFactory.getLogger(Orchestrator.class);

    private final JobRepository jobs;
    private final StageRepository stages;
    private final TaskRepository tasks;
    private final EventRepository events;
    private final StagePlanner planner;
    private final JobDefinitionRegistry definitions;
    private final TaskMessages messages;
    private final JobTermination termination;
    private final JobFinalizer finalizer;
    private final RetryPolicies retries;
    private final GeoEtlProperties.Engine settings;
    private final TransactionTemplate tx;

    public Orchestrator(JobRepository jobs, StageRepository stages, TaskRepository tasks, EventRepository events,
                        StagePlanner planner, JobDefinitionRegistry definitions, TaskMessages messages,
                        JobTermination termination, JobFinalizer finalizer, RetryPolicies retries,
                        GeoEtlProperties properties, TransactionTemplate tx) {
        this.jobs = jobs;
        this.stages = stages;
        this.tasks = tasks;
        this.events = events;
        this.planner = planner;
        this.definitions = definitions;
        this.messages = messages;
        this.termination = termination;
        this.finalizer = finalizer;
        this.retries = retries;
        this.settings = properties.engine();
        this.tx = tx;
    }

    /**
     * @param redelivered the broker delivered this message before without an acknowledgement: the
     *                    previous attempt may have committed its plan but not sent its messages, so
     *                    the waiting tasks of the current stage (and the rest of its plan) are sent
     *                    again; workers ignore duplicates
     */
    public List<Outgoing> handle(JobMessage message, boolean redelivered) {
        return tx.execute(status -> {
            JobRecord job = jobs.lock(message.jobId()).orElse(null);
            if (job == null || job.isTerminal()) {
                log.debug("ignoring {} for {} job {}", message.type(), job == null ? "missing" : job.status(),
                        message.jobId());
                return List.<Outgoing>of();
            }
            JobDefinition definition = definitions.find(job.jobType(), job.definitionVersion()).orElse(null);
            if (definition == null) {
                termination.fail(job.jobId(), job.stage(), "job type '" + job.jobType()
                        + "' is no longer defined on this service");
                return List.<Outgoing>of();
            }
            try {
                return switch (message.type()) {
                    case JobMessage.SUBMIT -> job.stage() != 0 ? (redelivered ? resend(job, definition) : List.of())
                            : planFrom(job, definition, 1);
                    case JobMessage.STAGE_COMPLETE -> stageCompleted(job, definition, message.stage(), redelivered);
                    case JobMessage.PLAN_TASKS -> continuePlanning(job, definition, message, redelivered);
                    default -> throw new IllegalArgumentException("unknown job message type '" + message.type() + "'");
                };
            } catch (PlanningException e) {
                termination.fail(job.jobId(), job.stage(), e.getMessage());
                return List.<Outgoing>of();
            }
        });
    }

    private List<Outgoing> stageCompleted(JobRecord job, JobDefinition definition, int done, boolean redelivered) {
        boolean stageDone = stages.find(job.jobId(), done).map(StageRepository.StageRow::isCompleted).orElse(false);
        if (job.stage() != done || !stageDone) {
            return redelivered && job.stage() == done + 1 ? resend(job, definition) : List.of();
        }
        if (done == definition.totalStages()) {
            finalizer.complete(job);
            return List.of();
        }
        return planFrom(job, definition, done + 1);
    }

    private List<Outgoing> planFrom(JobRecord job, JobDefinition definition, int first) {
        for (int number = first; number <= definition.totalStages(); number++) {
            StageDefinition stage = definition.stage(number);
            List<StagePlanner.PlannedTask> planned = planner.plan(job.jobId(), job.parameters(), definition, stage);
            stages.insert(job.jobId(), number, stage.name(), stage.taskType(), stage.fanOut().text(), planned.size());
            jobs.startStage(job.jobId(), number);
            events.record(job.jobId(), null, number, "stage_started", "info",
                    Map.of("name", stage.name(), "task_type", stage.taskType(), "fan_out", stage.fanOut().text(),
                            "tasks", planned.size(), "skipped", !stage.runsFor(job.parameters())), null, null);
            if (!planned.isEmpty()) {
                return dispatch(job, stage, planned, 0, settings.firstPlanningChunk());
            }
            // a zero-task stage completes at once; planning continues with the next stage
            events.record(job.jobId(), null, number, "stage_completed", "success", Map.of("tasks", 0), null, null);
        }
        finalizer.complete(jobs.lock(job.jobId()).orElseThrow());
        return List.of();
    }

    /** The next chunk of a stage being planned: the plan is recomputed (deterministic), the chunk inserted. */
    private List<Outgoing> continuePlanning(JobRecord job, JobDefinition definition, JobMessage message,
                                            boolean redelivered) {
        boolean planning = job.stage() == message.stage()
                && stages.find(job.jobId(), message.stage()).map(s -> !s.isCompleted()).orElse(false);
        if (!planning) {
            return List.of();
        }
        if (redelivered) {
            return resend(job, definition);
        }
        StageDefinition stage = definition.stage(message.stage());
        List<StagePlanner.PlannedTask> planned = planner.plan(job.jobId(), job.parameters(), definition, stage);
        return message.from() >= planned.size() ? List.of()
                : dispatch(job, stage, planned, message.from(), settings.planningChunk());
    }

    /** Inserts tasks [from, from + size) and returns their messages, plus the plan_tasks for the rest. */
    private List<Outgoing> dispatch(JobRecord job, StageDefinition stage, List<StagePlanner.PlannedTask> planned,
                                    int from, int size) {
        int to = Math.min(planned.size(), from + size);
        String queue = messages.queueFor(stage.taskType());
        int maxAttempts = retries.maxAttempts(stage.taskType());
        List<NewTask> rows = new ArrayList<>(to - from);
        List<DispatchRow> dispatch = new ArrayList<>(to - from);
        for (StagePlanner.PlannedTask p : planned.subList(from, to)) {
            String taskId = JobIds.taskId(job.jobId(), stage.number(), p.unitKey());
            rows.add(new NewTask(taskId, job.jobId(), job.jobType(), stage.taskType(), stage.number(), stage.name(),
                    p.index(), p.parameters(), queue, maxAttempts));
            dispatch.add(new DispatchRow(taskId, job.jobId(), stage.number(), stage.taskType(), queue));
        }
        tasks.insertAll(rows);
        List<Outgoing> out = new ArrayList<>(messages.forRows(dispatch));
        if (to < planned.size()) {
            out.add(Outgoing.job(JobMessage.planTasks(job.jobId(), stage.number(), to)));
        }
        return out;
    }

    /**
     * The current stage's queued tasks again, and — when its planning had not finished — the
     * plan_tasks that carries on from the tasks inserted so far.
     */
    private List<Outgoing> resend(JobRecord job, JobDefinition definition) {
        List<Outgoing> out = new ArrayList<>(messages.forRows(tasks.queued(job.jobId(), job.stage())));
        int inserted = tasks.countInStage(job.jobId(), job.stage());
        int total = stages.find(job.jobId(), job.stage()).map(StageRepository.StageRow::totalTasks).orElse(0);
        if (inserted < total && job.stage() <= definition.totalStages()) {
            out.add(Outgoing.job(JobMessage.planTasks(job.jobId(), job.stage(), inserted)));
        }
        return out;
    }
}
