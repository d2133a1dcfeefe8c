package org.geoetl.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geoetl.engine.definition.JobDefinition;
import org.geoetl.engine.definition.JobDefinitionRegistry;
import org.geoetl.engine.definition.StageDefinition;
import org.geoetl.engine.store.JobRecord;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.engine.store.StageRepository;
import org.geoetl.engine.store.TaskViewRepository;
import org.springframework.stereotype.Service;

/** A job's progress now: its definition, planned stages and task counts put through {@link ProgressCalculator}. */
@Service
public class JobProgressService {

    private final JobRepository jobs;
    private final StageRepository stages;
    private final TaskViewRepository tasks;
    private final JobMetricsRepository metrics;
    private final JobDefinitionRegistry definitions;
    private final MetricsProperties properties;
    private final ProgressCalculator calculator;
    private final Clock clock;

    public JobProgressService(JobRepository jobs, StageRepository stages, TaskViewRepository tasks,
                              JobMetricsRepository metrics, JobDefinitionRegistry definitions,
                              org.geoetl.config.GeoEtlProperties properties, Clock clock) {
        this.jobs = jobs;
        this.stages = stages;
        this.tasks = tasks;
        this.metrics = metrics;
        this.definitions = definitions;
        this.properties = properties.metrics();
        this.calculator = new ProgressCalculator(this.properties.rateWindow(), this.properties.smoothing());
        this.clock = clock;
    }

    public Optional<JobProgress> progress(String jobId) {
        return jobs.find(jobId).map(this::progress);
    }

    public JobProgress progress(JobRecord job) {
        Instant now = clock.instant();
        Instant since = now.minus(properties.rateWindow());
        ProgressCalculator.Previous previous = metrics.latest(job.jobId())
                .map(s -> new ProgressCalculator.Previous(s.rateSmoothedPerMin(), s.at())).orElse(null);
        ProgressCalculator.JobState state = new ProgressCalculator.JobState(job.jobId(), job.jobType(),
                job.status().sql(), job.status().isTerminal(), job.status() == org.geoetl.engine.state.JobStatus.COMPLETED,
                job.stage(), job.totalStages());
        List<org.geoetl.engine.store.RunningTask> running = job.status().isTerminal() || properties.runningTasks() == 0
                ? List.of() : tasks.running(job.jobId(), properties.runningTasks());
        return calculator.compute(state, plans(job), tasks.progressSamples(job.jobId(), since), previous, running, now);
    }

    /** Every stage of the definition, with what its planned row says (a definition may have gone: then the rows alone). */
    private List<ProgressCalculator.StagePlan> plans(JobRecord job) {
        Map<Integer, StageRepository.StageRow> rows = new LinkedHashMap<>();
        stages.list(job.jobId()).forEach(r -> rows.put(r.stage(), r));
        Optional<JobDefinition> definition = definitions.find(job.jobType(), job.definitionVersion());
        List<ProgressCalculator.StagePlan> plans = new ArrayList<>();
        if (definition.isEmpty()) {
            rows.values().forEach(r -> plans.add(plan(r.stage(), r.stageName(), r.taskType(), true, r)));
            return plans;
        }
        for (StageDefinition d : definition.get().stages()) {
            plans.add(plan(d.number(), d.name(), d.taskType(), d.runsFor(job.parameters()), rows.get(d.number())));
        }
        return plans;
    }

    private static ProgressCalculator.StagePlan plan(int stage, String name, String type, boolean willRun,
                                                     StageRepository.StageRow row) {
        return new ProgressCalculator.StagePlan(stage, name, type, willRun, row != null,
                row == null ? 0 : row.totalTasks(), row != null && row.isCompleted());
    }

    /** Jobs that ran inside the last {@code minutes}: their latest state and every snapshot of them. */
    public Map<String, Object> active(Duration span, boolean withSnapshots) {
        Instant from = clock.instant().minus(span);
        List<Map<String, Object>> list = new ArrayList<>();
        for (String id : jobs.activeOrEndedSince(from)) {
            jobs.find(id).map(this::progress).ifPresent(p -> list.add(summary(p)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("minutes", span.toMinutes());
        out.put("jobs", list);
        if (withSnapshots) {
            out.put("snapshots", metrics.since(from, 10_000));
        }
        return out;
    }

    private static Map<String, Object> summary(JobProgress p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", p.jobId());
        m.put("job_type", p.jobType());
        m.put("status", p.status());
        m.put("current_stage", p.currentStage());
        m.put("total_stages", p.totalStages());
        m.put("progress_pct", p.progressPct());
        m.put("tasks", p.tasks());
        m.put("rate_per_min", p.ratePerMin());
        m.put("rate_smoothed_per_min", p.rateSmoothedPerMin());
        m.put("eta_seconds", p.etaSeconds());
        m.put("eta_scope", p.etaScope());
        m.put("error_rate", p.errorRate());
        m.put("updated_at", p.at());
        return m;
    }
}
