package org.geoetl.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.geoetl.engine.store.RunningTask;
import org.geoetl.engine.store.StageSample;

/**
 * Progress, rate and ETA from a job's task counts: pure arithmetic, so every rule is unit-tested.
 *
 * <p>A job's percent weighs each stage that will run equally (a stage of one planning task counts as
 * much as a stage of ten thousand), because later stages are planned only when earlier ones end: a
 * percent over planned tasks alone would fall back each time a stage is planned. Inside a stage,
 * settled tasks count whole and running tasks by the percent their handler reported.
 */
public final class ProgressCalculator {

    /** A stage as the job's definition and its planned row know it. */
    public record StagePlan(int stage, String name, String taskType, boolean willRun, boolean planned,
                            long plannedTasks, boolean completed) {
    }

    /** The job as the calculation needs it. */
    public record JobState(String jobId, String jobType, String status, boolean terminal, boolean completed,
                           int currentStage, int totalStages) {
    }

    /** The smoothed rate of the latest snapshot and when it was taken. */
    public record Previous(double smoothedPerMin, Instant at) {
    }

    private static final Duration MIN_WINDOW = Duration.ofSeconds(5);

    private final Duration window;
    private final Duration smoothing;

    public ProgressCalculator(Duration window, Duration smoothing) {
        this.window = window;
        this.smoothing = smoothing;
    }

    public JobProgress compute(JobState job, List<StagePlan> plans, List<StageSample> samples, Previous previous,
                               List<RunningTask> running, Instant now) {
        Map<Integer, List<StageSample>> byStage = new TreeMap<>();
        samples.forEach(s -> byStage.computeIfAbsent(s.stage(), k -> new ArrayList<>()).add(s));
        List<StageProgress> stages = new ArrayList<>();
        TaskCounts all = TaskCounts.NONE;
        double fractions = 0;
        int runnable = 0;
        boolean unplanned = false;
        for (StagePlan plan : plans) {
            List<StageSample> rows = byStage.getOrDefault(plan.stage(), List.of());
            StageProgress sp = stage(plan, rows, now, job.terminal());
            stages.add(sp);
            all = all.plus(sp.tasks());
            if (plan.willRun()) {
                runnable++;
                fractions += sp.progressPct() / 100.0;
                unplanned |= !plan.planned();
            }
        }
        double rate = rate(samples, now);
        double smoothed = smooth(previous, rate, now);
        double pct = job.completed() ? 100.0 : runnable == 0 ? 0.0 : Math.min(99.9, round(100.0 * fractions / runnable));
        long remaining = all.total() - all.settled();
        Double eta = job.terminal() ? Double.valueOf(0) : eta(remaining, smoothed > 0 ? smoothed : rate, unplanned);
        return new JobProgress(job.jobId(), job.jobType(), job.status(), job.currentStage(), job.totalStages(), pct, all,
                round(rate), round(smoothed), eta, unplanned ? "planned_tasks" : "job", errorRate(samples), now,
                stages, running);
    }

    private StageProgress stage(StagePlan plan, List<StageSample> rows, Instant now, boolean jobEnded) {
        TaskCounts counts = TaskCounts.NONE;
        double runningPct = 0;
        for (StageSample s : rows) {
            counts = counts.plus(TaskCounts.of(s.status(), s.count()));
            runningPct += s.runningPercent();
        }
        long planned = Math.max(plan.plannedTasks(), counts.total());
        String status = !plan.willRun() ? "skipped" : plan.completed() ? "completed" : plan.planned() ? "running" : "waiting";
        double pct;
        if (!plan.willRun() || plan.completed() || (plan.planned() && planned == 0)) {
            pct = 100.0;
        } else if (!plan.planned()) {
            pct = 0.0;
        } else {
            pct = round(Math.min(100.0, 100.0 * (counts.settled() + runningPct / 100.0) / planned));
        }
        double rate = rate(rows, now);
        Double eta = plan.completed() || !plan.willRun() ? Double.valueOf(0)
                : jobEnded ? null : eta(planned - counts.settled(), rate, !plan.planned());
        return new StageProgress(plan.stage(), plan.name(), plan.taskType(), status, counts, pct, round(rate), eta);
    }

    /** Tasks completed per minute inside the window, or since the first start when that is shorter. */
    double rate(List<StageSample> rows, Instant now) {
        long recent = 0;
        Instant first = null;
        for (StageSample s : rows) {
            recent += s.recentCompleted();
            if (s.firstStarted() != null && (first == null || s.firstStarted().isBefore(first))) {
                first = s.firstStarted();
            }
        }
        if (recent == 0 || first == null) {
            return 0;
        }
        Duration span = Duration.between(first, now);
        Duration effective = span.compareTo(window) < 0 ? span : window;
        if (effective.compareTo(MIN_WINDOW) < 0) {
            effective = MIN_WINDOW;
        }
        return recent * 60_000.0 / effective.toMillis();
    }

    /** Exponential smoothing across snapshots: the older the previous value, the less it weighs. */
    double smooth(Previous previous, double rate, Instant now) {
        if (previous == null || !previous.at().isBefore(now)) {
            return previous == null ? rate : previous.smoothedPerMin();
        }
        double dt = Duration.between(previous.at(), now).toMillis();
        double alpha = 1 - Math.exp(-dt / smoothing.toMillis());
        return previous.smoothedPerMin() + alpha * (rate - previous.smoothedPerMin());
    }

    /** Failed attempts over finished ones: every attempt of a task but a running one, less its success. */
    static double errorRate(List<StageSample> rows) {
        long attempts = 0;
        long running = 0;
        long completed = 0;
        for (StageSample s : rows) {
            attempts += s.attempts();
            running += "processing".equals(s.status()) ? s.count() : 0;
            completed += "completed".equals(s.status()) ? s.count() : 0;
        }
        long finished = attempts - running;
        return finished <= 0 ? 0 : round(Math.max(0, finished - completed) / (double) finished);
    }

    private static Double eta(long remaining, double ratePerMin, boolean unknownTasksFollow) {
        if (remaining <= 0) {
            return unknownTasksFollow ? null : Double.valueOf(0);
        }
        return ratePerMin <= 0 ? null : Double.valueOf(Math.round(remaining * 60.0 / ratePerMin * 10) / 10.0);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
