package org.geoetl.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.engine.store.JanitorRunRepository;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.engine.store.TaskRecoveryRepository;
import org.geoetl.engine.store.WorkerInstanceRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Repairs what lost messages and stuck workers leave behind, in one transaction per run (one run
 * at a time across all instances), each run recorded in app.janitor_runs:
 * <ol>
 * <li>tasks whose lease expired go back to queued and are re-sent — or, when their attempts are
 *     used up (an input that kills the worker), fail with that reason (dead worker instances are
 *     the {@link InstanceReaper}'s, within seconds; this is the guard for a live but stuck one);</li>
 * <li>queued tasks untouched for {@code queued-timeout} get their message re-sent;</li>
 * <li>finished stages whose job has not moved on for {@code signal-timeout} get stage_complete
 *     re-sent and jobs never planned get job_submit re-sent;</li>
 * <li>stages whose streamed planning stopped half-way get their next plan_tasks re-sent;</li>
 * <li>jobs whose current stage can no longer finish (no open task left) fail with the reason.</li>
 * </ol>
 * Re-sent messages are harmless duplicates when the original was only slow.
 */
@Component
public class Janitor {

    public record Report(Long runId, boolean skipped, Map<String, Object> actions, List<Outgoing> messages) {
    }

    private static final int BATCH = 1000;
    private static final Duration FORGET_INSTANCES_AFTER = Duration.ofDays(7);

    private final TaskRecoveryRepository recovery;
    private final JobRepository jobs;
    private final JanitorRunRepository runs;
    private final WorkerInstanceRepository instances;
    private final AbandonedTasks abandoned;
    private final TaskMessages messages;
    private final JobTermination termination;
    private final GeoEtlProperties.Janitor settings;
    private final TransactionTemplate tx;

    public Janitor(TaskRecoveryRepository recovery, JobRepository jobs, JanitorRunRepository runs,
                   WorkerInstanceRepository instances, AbandonedTasks abandoned, TaskMessages messages,
                   JobTermination termination, GeoEtlProperties properties, TransactionTemplate tx) {
        this.recovery = recovery;
        this.jobs = jobs;
        this.runs = runs;
        this.instances = instances;
        this.abandoned = abandoned;
        this.messages = messages;
        this.termination = termination;
        this.settings = properties.janitor();
        this.tx = tx;
    }

    public Report run(String trigger) {
        return tx.execute(status -> {
            if (!runs.tryLock()) {
                return new Report(null, true, Map.of("skipped", "another janitor run is in progress"), List.of());
            }
            long started = System.currentTimeMillis();
            List<Outgoing> out = new ArrayList<>();
            Map<String, Object> actions = new LinkedHashMap<>();
            AbandonedTasks.Recovered leases = abandoned.recover(recovery.lockExpiredLeases(BATCH),
                    t -> "worker " + t.executedBy() + " stopped renewing its lease");
            out.addAll(leases.messages());
            actions.put("leases_expired_requeued", leases.requeued());
            actions.put("leases_expired_failed", leases.failed());
            List<Outgoing> stuck = messages.forRows(recovery.touchStuckQueued(settings.queuedTimeout(), BATCH));
            out.addAll(stuck);
            actions.put("queued_tasks_resent", stuck.size());
            actions.put("stage_signals_resent", resendLostSignals(out));
            actions.put("plans_resumed", resumePlans(out));
            actions.put("jobs_failed_unable_to_progress", failStuckJobs());
            actions.put("worker_instances_forgotten", instances.prune(FORGET_INSTANCES_AFTER));
            int fixed = actions.values().stream().mapToInt(v -> ((Number) v).intValue()).sum();
            Long runId = runs.record(trigger, System.currentTimeMillis() - started, fixed, actions);
            return new Report(runId, false, actions, out);
        });
    }

    private int resendLostSignals(List<Outgoing> out) {
        int sent = 0;
        for (JobRepository.JobStage finished : jobs.waitingOnFinishedStage(settings.signalTimeout())) {
            out.add(Outgoing.job(JobMessage.stageComplete(finished.jobId(), finished.stage())));
            sent++;
        }
        for (String id : jobs.neverPlanned(settings.signalTimeout())) {
            out.add(Outgoing.job(JobMessage.submit(id)));
            sent++;
        }
        return sent;
    }

    /** Stages whose streamed planning stopped half-way (its plan_tasks message lost): carry on from the tasks inserted. */
    private int resumePlans(List<Outgoing> out) {
        List<TaskRecoveryRepository.UnfinishedPlan> plans = recovery.unfinishedPlans(settings.signalTimeout());
        plans.forEach(p -> out.add(Outgoing.job(JobMessage.planTasks(p.jobId(), p.stage(), p.inserted()))));
        return plans.size();
    }

    private int failStuckJobs() {
        List<TaskRecoveryRepository.StuckStage> stuck = recovery.stagesThatCannotFinish();
        for (TaskRecoveryRepository.StuckStage s : stuck) {
            termination.fail(s.jobId(), s.stage(), "stage " + s.stage() + " cannot complete: " + s.remainingTasks()
                    + " task(s) will never finish (" + s.failedTasks() + " failed, the rest cancelled); retry the"
                    + " failed tasks or resubmit the job");
        }
        return stuck.size();
    }
}
