package org.geoetl.diagnostic;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.concurrent.ThreadLocalRandom;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.engine.handler.TransientTaskException;
import org.springframework.stereotype.Component;

/**
 * benchmark_fanout's task: no I/O. Sleeps work_ms (0 = return at once); fails at random with
 * failure_rate, or deterministically: the task with index fail_index fails its first fail_attempts
 * attempts with a fail_kind (transient or permanent) error — the engine's own load and chaos generator.
 */
@Component
public class BenchmarkTaskHandler implements TaskHandler {

    /** benchmark_fanout's parameters (jobs/benchmark_fanout.yaml); fail_index and fail_attempts are optional. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Params(long workMs, double failureRate, Integer failIndex, String failKind, Integer failAttempts) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)

    record Slot(int index) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)

    record Result(int index, int stage) {
    }

    @Override
    public String taskType() {
        return "benchmark_task";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.LIGHT;
    }

    @Override
    public String description() {
        return "benchmark_fanout: a no-op task (optional sleep and injected failures) for engine load tests";
    }

    @Override
    public Class<?> paramsType() {
        return Params.class;
    }

    @Override
    public Class<?> resultType() {
        return Result.class;
    }

    @Override
    public Result handle(TaskContext context) throws InterruptedException {
        Params job = context.params(Params.class);
        int index = context.taskParams(Slot.class).index();
        if (job.workMs() > 0) {
            Thread.sleep(job.workMs());
        }
        if (job.failIndex() != null && index == job.failIndex() && context.stage() == 1
                && (job.failAttempts() == null || context.attempt() <= job.failAttempts())) {
            String message = "injected failure of task " + index + " (attempt " + context.attempt() + ")";
            throw "permanent".equals(job.failKind()) ? new PermanentTaskException(message)
                    : new TransientTaskException(message);
        }
        if (job.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < job.failureRate()) {
            throw new TransientTaskException("simulated failure (failure_rate=" + job.failureRate() + ")");
        }
        return new Result(index, context.stage());
    }
}
