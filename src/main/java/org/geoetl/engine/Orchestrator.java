package org.geoetl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.definition.JobDefinition;
import org.geoetl.engine.definition.JobDefinitionRegistry;
import org.geoetl.engine.definition.StageDefinition;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.TaskMessage;
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
 * Returns the task messages to send; the caller sends them after the transaction commits.
 */
@Component
public class Orchestrator {

    private static final Logger log = LoggerFactory.getLogger(Orchestrator.class);

    private final JobRepository jobs;
    private final StageRepository stages;
    private final TaskRepository tasks;
    private final EventRepository events;
    private final StagePlanner planner;
    private final JobSummary summary;
    private final JobDefinitionRegistry definitions;
    private final TaskHandlerRegistry handlers;
    private final GeoEtlProperties properties;
    private final JobTermination termination;
    private final RetryPolicies retries;
    private final List<JobCompletionListener> completionListeners;
    private final TransactionTemplate tx;

    public Orchestrator(JobRepository jobs, StageRepository stages, TaskRepository tasks, EventRepository events,
                        StagePlanner planner, JobSummary summary, JobDefinitionRegistry definitions,
                        TaskHandlerRegistry handlers, GeoEtlProperties properties, JobTermination termination,
                        RetryPolicies retries, List<JobCompletionListener> completionListeners,
                        TransactionTemplate tx) {
        this.completionListeners = completionListeners;
        this.termination = termination;
        this.retries = retries;
        this.jobs = jobs;
        this.stages = stages;
        this.tasks = tasks;
        this.events = events;
        this.planner = planner;
        this.summary = summary;
        this.definitions = definitions;
        this.handlers = handlers;
        this.properties = properties;
        this.tx = tx;
    }

    /**
     * @param redelivered the broker delivered this message before without an acknowledgement: the
     *                    previous attempt may have committed its plan but not sent the task messages,
     *                    so the waiting tasks of the current stage are sent again (workers ignore duplicates)
     */
    public List<TaskMessage> handle(JobMessage message, boolean redelivered) {
        return tx.execute(status -> {
            JobRecord job = jobs.lock(message.jobId()).orElse(null);
            if (job == null || job.isTerminal()) {
                log.debug("ignoring {} for {} job {}", message.type(), job == null ? "missing" : job.status(),
                        message.jobId());
                return List.<TaskMessage>of();
            }
            JobDefinition definition = definitions.find(job.jobType()).orElse(null);
            if (definition == null) {
                failJob(job, "job type '" + job.jobType() + "' is no longer defined on this service");
                return List.<TaskMessage>of();
            }
            int next;
            if (JobMessage.SUBMIT.equals(message.type())) {
                if (job.stage() != 0) {
                    return redelivered ? waiting(job) : List.<TaskMessage>of();
                }
                next = 1;
            } else {
                int done = message.stage();
                boolean stageDone = stages.find(job.jobId(), done).map(s -> "completed".equals(s.status())).orElse(false);
                if (job.stage() != done || !stageDone) {
                    return redelivered && job.stage() == done + 1 ? waiting(job) : List.<TaskMessage>of();
                }
                if (done == definition.totalStages()) {
                    finalizeJob(job);
                    return List.<TaskMessage>of();
                }
                next = done + 1;
            }
            try {
                return planFrom(job, definition, next);
            } catch (PlanningException e) {
                failJob(job, e.getMessage());
                return List.<TaskMessage>of();
            }
        });
    }

    private List<TaskMessage> planFrom(JobRecord job, JobDefinition definition, int first) {
        for (int number = first; number <= definition.totalStages(); number++) {
            StageDefinition stage = definition.stage(number);
            List<StagePlanner.PlannedTask> planned = planner.plan(job.jobId(), job.parameters(), definition, stage);
            stages.insert(job.jobId(), number, stage.name(), stage.taskType(), stage.fanOut().text(), planned.size());
            jobs.startStage(job.jobId(), number);
            events.record(job.jobId(), null, number, "stage_started", "info",
                    Map.of("name", stage.name(), "task_type", stage.taskType(), "fan_out", stage.fanOut().text(),
                            "tasks", planned.size(), "skipped", !stage.runsFor(job.parameters())), null, null);
            if (!planned.isEmpty()) {
                return insertTasks(job, stage, planned);
            }
            // a zero-task stage completes at once; planning continues with the next stage
            events.record(job.jobId(), null, number, "stage_completed", "success", Map.of("tasks", 0), null, null);
        }
        finalizeJob(jobs.lock(job.jobId()).orElseThrow());
        return List.of();
    }

    private List<TaskMessage> insertTasks(JobRecord job, StageDefinition stage, List<StagePlanner.PlannedTask> planned) {
        QueueClass queueClass = handlers.get(stage.taskType()).queueClass();
        String queue = queueClass == QueueClass.HEAVY ? properties.queues().heavy() : properties.queues().light();
        List<NewTask> rows = new ArrayList<>(planned.size());
        List<TaskMessage> messages = new ArrayList<>(planned.size());
        for (StagePlanner.PlannedTask p : planned) {
            String taskId = JobIds.taskId(job.jobId(), stage.number(), p.unitKey());
            rows.add(new NewTask(taskId, job.jobId(), job.jobType(), stage.taskType(), stage.number(), stage.name(),
                    p.index(), p.parameters(), queue, retries.maxAttempts(stage.taskType())));
            messages.add(new TaskMessage(taskId, job.jobId(), stage.number(), stage.taskType(), queueClass.wireName()));
        }
        tasks.insertAll(rows);
        return messages;
    }

    private List<TaskMessage> waiting(JobRecord job) {
        return tasks.waiting(job.jobId(), job.stage()).stream()
                .map(row -> {
                    String type = (String) row.get("task_type");
                    String queueClass = handlers.get(type).queueClass().wireName();
                    return new TaskMessage((String) row.get("task_id"), job.jobId(), job.stage(), type, queueClass);
                }).toList();
    }

    private void finalizeJob(JobRecord job) {
        JsonNode result = summary.build(job);
        if (jobs.complete(job.jobId(), result)) {
            completionListeners.forEach(l -> l.jobCompleted(job.jobId(), job.jobType(), result));
            events.record(job.jobId(), null, job.stage(), "job_completed", "success",
                    Map.of("total_tasks", result.path("total_tasks").asLong()), null, null);
        }
    }

    private void failJob(JobRecord job, String error) {
        termination.fail(job.jobId(), job.stage(), error);
    }
}
