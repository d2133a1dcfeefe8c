package org.geoetl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.geoetl.engine.store.StageBarrier;
import org.geoetl.support.EngineTestSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Exactly one completion advances a stage, however many finish at once. */
class StageBarrierIT extends EngineTestSupport {

    @Autowired
    StageBarrier barrier;

    /** A running job whose stage 1 has {@code tasks} processing tasks; returns their ids in task order. */
    private List<String> runningStage(String jobId, int tasks) {
        jdbc.update("INSERT INTO app.jobs (job_id, job_type, total_stages, status, stage) VALUES (?, 'benchmark_fanout', 2, 'processing', 1)", jobId);
        jdbc.update("INSERT INTO app.job_stages (job_id, stage, stage_name, task_type, fan_out, total_tasks, remaining_tasks) VALUES (?, 1, 's1', 'benchmark_task', 'fixed(1000)', ?, ?)", jobId, tasks, tasks);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            ids.add(JobIds.taskId(jobId, 1, Integer.toString(i)));
        }
        jdbc.batchUpdate("INSERT INTO app.tasks (task_id, parent_job_id, job_type, task_type, stage, stage_name, task_index, status, target_queue) VALUES (?, ?, 'benchmark_fanout', 'benchmark_task', 1, 's1', ?, 'processing', 'functionapp-tasks')",
                ids.stream().map(id -> new Object[] {id, jobId, ids.indexOf(id)}).toList());
        return ids;
    }

    /**
     * Runs {@code complete} over {@code work} from 16 threads released together; returns how many
     * tasks the calls reported completed, and how many calls reported the stage done.
     */
    private <T> int[] race(List<T> work, java.util.function.Function<T, java.util.Optional<StageBarrier.Completion>> complete)
            throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger stageDone = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int slice = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = slice; i < work.size(); i += threads) {
                    complete.apply(work.get(i)).ifPresent(c -> {
                        completed.addAndGet(c.completed());
                        if (c.stageDone()) {
                            stageDone.incrementAndGet();
                        }
                    });
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return new int[] {completed.get(), stageDone.get()};
    }

    private void assertAdvancedOnce(String jobId, int tasks) {
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'stage_completed'", jobId)).isEqualTo(1);
        assertThat(count("SELECT remaining_tasks FROM app.job_stages WHERE job_id = ? AND stage = 1", jobId)).isZero();
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed'", jobId)).isEqualTo(tasks);
    }

    /**
     * 1,000 running tasks completed by 16 threads released together, each task completed twice
     * (a duplicate delivery racing the original): exactly one call reports the stage done.
     */
    @RepeatedTest(5)
    void concurrentCompletionsAdvanceTheStageExactlyOnce() throws Exception {
        String jobId = JobIds.taskId(unique(), 0, "barrier");
        int tasks = 1000;
        List<String> ids = runningStage(jobId, tasks);
        List<String> work = new ArrayList<>(ids);
        work.addAll(ids);
        Collections.shuffle(work);

        int[] outcome = race(work, id -> barrier.complete(id, Map.of("i", id)));
        assertThat(outcome[0]).isEqualTo(tasks);
        assertThat(outcome[1]).isEqualTo(1);
        assertAdvancedOnce(jobId, tasks);
    }

    /**
     * Batched completions, as workers send them: 1,000 running tasks cut into batches of 1–60, every
     * task in two batches (a duplicate delivery of another cut), 16 threads. Each task counts once,
     * exactly one batch reports the stage done, and overlapping batches never deadlock.
     */
    @RepeatedTest(3)
    void concurrentBatchCompletionsCountEachTaskOnceAndAdvanceOnce() throws Exception {
        String jobId = JobIds.taskId(unique(), 0, "batch-barrier");
        int tasks = 1000;
        List<String> ids = runningStage(jobId, tasks);
        java.util.Random random = new java.util.Random();
        List<List<String>> batches = new ArrayList<>();
        for (int copy = 0; copy < 2; copy++) {
            List<String> order = new ArrayList<>(ids);
            Collections.shuffle(order, random);
            for (int from = 0; from < order.size(); ) {
                int size = 1 + random.nextInt(60);
                batches.add(order.subList(from, Math.min(order.size(), from + size)));
                from += size;
            }
        }
        Collections.shuffle(batches, random);

        int[] outcome = race(batches, batch -> {
            Map<String, Object> results = new java.util.LinkedHashMap<>();
            batch.forEach(id -> results.put(id, Map.of("batch", batch.size())));
            return barrier.completeAll(results);
        });
        assertThat(outcome[0]).isEqualTo(tasks);
        assertThat(outcome[1]).isEqualTo(1);
        assertAdvancedOnce(jobId, tasks);
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed' AND result_data->>'batch' IS NOT NULL", jobId))
                .isEqualTo(tasks);
    }

    /** The same through the broker: stages of 1,000 tasks run by 8 concurrent light consumers, three times. */
    @RepeatedTest(3)
    void aThousandTaskStagesAdvanceOnceEachEndToEnd() {
        String jobId = submit("benchmark_fanout", "{\"tasks\": 1000, \"stages\": 3, \"label\": \"" + unique() + "\"}")
                .getBody().path("job_id").asText();
        JsonNode status = awaitEnd(jobId, Duration.ofSeconds(120));
        assertThat(status.path("status").asText()).isEqualTo("completed");
        for (int stage = 1; stage <= 10; stage++) {
            assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND stage = ? AND event_type = 'stage_completed'", jobId, stage))
                    .as("stage_completed events of stage %d", stage).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND stage = ? AND event_type = 'stage_started'", jobId, stage))
                    .as("plans of stage %d", stage).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM app.tasks WHERE parent_job_id = ? AND status = 'completed' AND attempts = 1", jobId))
                .isEqualTo(3000);
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ? AND event_type = 'job_completed'", jobId)).isEqualTo(1);
    }

    @Test
    void aCompletionForAFailedJobIsRecordedAndAdvancesNothing() {
        String jobId = JobIds.taskId(unique(), 0, "late");
        jdbc.update("INSERT INTO app.jobs (job_id, job_type, total_stages, status, stage) VALUES (?, 'benchmark_fanout', 2, 'failed', 1)", jobId);
        jdbc.update("INSERT INTO app.job_stages (job_id, stage, stage_name, task_type, fan_out, total_tasks, remaining_tasks) VALUES (?, 1, 's1', 'benchmark_task', 'single', 1, 1)", jobId);
        String taskId = JobIds.taskId(jobId, 1, "single");
        jdbc.update("INSERT INTO app.tasks (task_id, parent_job_id, job_type, task_type, stage, stage_name, task_index, status, target_queue) VALUES (?, ?, 'benchmark_fanout', 'benchmark_task', 1, 's1', 0, 'processing', 'functionapp-tasks')", taskId, jobId);

        assertThat(barrier.complete(taskId, Map.of("late", true))).isEmpty();
        assertThat(count("SELECT count(*) FROM app.tasks WHERE task_id = ? AND status = 'completed' AND result_data->>'late' = 'true'", taskId)).isEqualTo(1);
        assertThat(count("SELECT remaining_tasks FROM app.job_stages WHERE job_id = ?", jobId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM app.job_events WHERE job_id = ?", jobId)).isZero();
        assertThat(jdbc.queryForObject("SELECT status FROM app.jobs WHERE job_id = ?", String.class, jobId)).isEqualTo("failed");
    }
}
