package org.geoetl.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.geoetl.engine.store.StageSample;
import org.junit.jupiter.api.Test;

class ProgressCalculatorTest {

    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private final ProgressCalculator calc = new ProgressCalculator(Duration.ofSeconds(60), Duration.ofSeconds(120));

    private static ProgressCalculator.JobState running(int stage, int stages) {
        return new ProgressCalculator.JobState("j1", "benchmark_fanout", "processing", false, false, stage, stages);
    }

    private static ProgressCalculator.StagePlan plan(int stage, boolean willRun, boolean planned, long tasks, boolean done) {
        return new ProgressCalculator.StagePlan(stage, "s" + stage, "benchmark_task", willRun, planned, tasks, done);
    }

    private static StageSample sample(int stage, String status, long n, long recent, long attempts, double runningPct,
                                      Instant firstStarted) {
        return new StageSample(stage, "s" + stage, "benchmark_task", status, n, recent, attempts, runningPct, firstStarted);
    }

    @Test
    void aSteadyStageGivesItsRateAndTheTimeItsRemainingTasksNeedAtThatRate() {
        // 600 tasks, 300 done, 120 of them in the last minute, running for 5 minutes
        Instant started = NOW.minusSeconds(300);
        JobProgress p = calc.compute(running(1, 1), List.of(plan(1, true, true, 600, false)),
                List.of(sample(1, "completed", 300, 120, 300, 0, started), sample(1, "queued", 300, 0, 0, 0, null)),
                null, List.of(), NOW);
        assertThat(p.ratePerMin()).isEqualTo(120.0);
        assertThat(p.rateSmoothedPerMin()).isEqualTo(120.0); // no earlier snapshot: the rate itself
        assertThat(p.etaSeconds()).isEqualTo(150.0);          // 300 tasks at 2 a second
        assertThat(p.progressPct()).isEqualTo(50.0);
        assertThat(p.etaScope()).isEqualTo("job");
        assertThat(p.tasks().total()).isEqualTo(600);
        assertThat(p.stages().get(0).etaSeconds()).isEqualTo(150.0);
    }

    @Test
    void aYoungJobsRateIsOverTheTimeSinceItsFirstTaskStartedNotAWholeMinute() {
        JobProgress p = calc.compute(running(1, 1), List.of(plan(1, true, true, 100, false)),
                List.of(sample(1, "completed", 20, 20, 20, 0, NOW.minusSeconds(10)),
                        sample(1, "queued", 80, 0, 0, 0, null)), null, List.of(), NOW);
        assertThat(p.ratePerMin()).isEqualTo(120.0);
        assertThat(p.etaSeconds()).isEqualTo(40.0);
    }

    @Test
    void nothingCompletedMeansRateZeroAndAnUnknownEta() {
        JobProgress p = calc.compute(running(1, 1), List.of(plan(1, true, true, 10, false)),
                List.of(sample(1, "processing", 2, 0, 2, 100, NOW.minusSeconds(30)),
                        sample(1, "queued", 8, 0, 0, 0, null)), null, List.of(), NOW);
        assertThat(p.ratePerMin()).isZero();
        assertThat(p.etaSeconds()).isNull();
        assertThat(p.progressPct()).isEqualTo(10.0); // two running tasks at 50 % count as one
    }

    @Test
    void aCompletedJobIsAHundredPercentWithEtaZero() {
        ProgressCalculator.JobState done = new ProgressCalculator.JobState("j1", "t", "completed", true, true, 1, 1);
        JobProgress p = calc.compute(done, List.of(plan(1, true, true, 10, true)),
                List.of(sample(1, "completed", 10, 0, 10, 0, NOW.minusSeconds(600))), null, List.of(), NOW);
        assertThat(p.progressPct()).isEqualTo(100.0);
        assertThat(p.etaSeconds()).isEqualTo(0.0);
        assertThat(p.ratePerMin()).isZero();
    }

    @Test
    void aRunningJobNeverShowsAHundredPercentEvenWithEveryTaskSettled() {
        JobProgress p = calc.compute(running(1, 1), List.of(plan(1, true, true, 5, false)),
                List.of(sample(1, "completed", 5, 5, 5, 0, NOW.minusSeconds(20))), null, List.of(), NOW);
        assertThat(p.progressPct()).isEqualTo(99.9);
        assertThat(p.etaSeconds()).isEqualTo(0.0);
    }

    @Test
    void stagesThatWillRunWeighEquallyAndSkippedOnesNotAtAll() {
        // stage 1 (one task) done, stage 2 half done, stage 3 waiting, stages 4-5 skipped by run_if
        List<ProgressCalculator.StagePlan> plans = List.of(plan(1, true, true, 1, true), plan(2, true, true, 100, false),
                plan(3, true, false, 0, false), plan(4, false, false, 0, false), plan(5, false, false, 0, false));
        JobProgress p = calc.compute(running(2, 5), plans,
                List.of(sample(1, "completed", 1, 0, 1, 0, NOW.minusSeconds(100)),
                        sample(2, "completed", 50, 30, 50, 0, NOW.minusSeconds(90)),
                        sample(2, "queued", 50, 0, 0, 0, null)), null, List.of(), NOW);
        assertThat(p.progressPct()).isEqualTo(50.0); // (1 + 0.5 + 0) / 3
        assertThat(p.etaScope()).isEqualTo("planned_tasks");
        assertThat(p.etaSeconds()).isEqualTo(100.0); // the planned stage's 50 at 30 a minute
        assertThat(p.stages()).extracting(StageProgress::status)
                .containsExactly("completed", "running", "waiting", "skipped", "skipped");
        assertThat(p.stages().get(2).etaSeconds()).isNull();
        assertThat(p.stages().get(3).progressPct()).isEqualTo(100.0);
    }

    @Test
    void theSmoothedRateMovesTowardsTheCurrentRateByTheTimeSinceTheLastSnapshot() {
        ProgressCalculator.Previous prev = new ProgressCalculator.Previous(60.0, NOW.minusSeconds(120));
        double smoothed = calc.smooth(prev, 120.0, NOW);
        assertThat(smoothed).isCloseTo(60 + (1 - Math.exp(-1)) * 60, within(1e-9));
        assertThat(calc.smooth(new ProgressCalculator.Previous(60.0, NOW), 120.0, NOW)).isEqualTo(60.0);
        assertThat(calc.smooth(null, 42.0, NOW)).isEqualTo(42.0);
    }

    @Test
    void theEtaPrefersTheSmoothedRateOnceThereIsOne() {
        ProgressCalculator.Previous prev = new ProgressCalculator.Previous(30.0, NOW.minusSeconds(5));
        JobProgress p = calc.compute(running(1, 1), List.of(plan(1, true, true, 200, false)),
                List.of(sample(1, "completed", 100, 60, 100, 0, NOW.minusSeconds(300)),
                        sample(1, "queued", 100, 0, 0, 0, null)), prev, List.of(), NOW);
        assertThat(p.ratePerMin()).isEqualTo(60.0);
        assertThat(p.rateSmoothedPerMin()).isBetween(30.0, 60.0);
        assertThat(p.etaSeconds()).isEqualTo(Math.round(100 * 60.0 / p.rateSmoothedPerMin() * 10) / 10.0, within(0.2));
    }

    @Test
    void theErrorRateCountsEveryFailedAttemptIncludingRetriesThatLaterSucceeded() {
        // 8 completed with 10 attempts (2 retries), 1 failed after 4 attempts, 1 running on its 2nd attempt
        List<StageSample> rows = List.of(sample(1, "completed", 8, 0, 10, 0, NOW), sample(1, "failed", 1, 0, 4, 0, NOW),
                sample(1, "processing", 1, 0, 2, 0, NOW));
        // finished attempts: 16 - 1 running = 15; failed among them: 15 - 8 = 7
        assertThat(ProgressCalculator.errorRate(rows)).isEqualTo(Math.round(7 / 15.0 * 1000) / 1000.0);
        assertThat(ProgressCalculator.errorRate(List.of())).isZero();
    }

    @Test
    void aFailedJobHasEtaZeroAndKeepsItsPercent() {
        ProgressCalculator.JobState failed = new ProgressCalculator.JobState("j1", "t", "failed", true, false, 1, 1);
        JobProgress p = calc.compute(failed, List.of(plan(1, true, true, 4, false)),
                List.of(sample(1, "completed", 1, 0, 1, 0, NOW), sample(1, "failed", 1, 0, 4, 0, NOW),
                        sample(1, "cancelled", 2, 0, 0, 0, null)), null, List.of(), NOW);
        assertThat(p.etaSeconds()).isEqualTo(0.0);
        assertThat(p.progressPct()).isEqualTo(99.9);
        assertThat(p.stages().get(0).etaSeconds()).isNull();
    }
}
