package org.geoetl.diagnostic;

import java.util.Map;
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

    @Override
    public String taskType() {
        return "benchmark_task";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.LIGHT;
    }

    @Override
    public Map<String, Object> handle(TaskContext context) throws InterruptedException {
        Map<String, Object> job = context.jobParameters();
        int index = ((Number) context.taskParameters().get("index")).intValue();
        long workMs = number(job, "work_ms", 0).longValue();
        if (workMs > 0) {
            Thread.sleep(workMs);
        }
        if (index == number(job, "fail_index", -1).intValue() && context.stage() == 1
                && context.attempt() <= number(job, "fail_attempts", Integer.MAX_VALUE).intValue()) {
            String message = "injected failure of task " + index + " (attempt " + context.attempt() + ")";
            throw "permanent".equals(job.get("fail_kind")) ? new PermanentTaskException(message)
                    : new TransientTaskException(message);
        }
        double failureRate = number(job, "failure_rate", 0).doubleValue();
        if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) {
            throw new TransientTaskException("simulated failure (failure_rate=" + failureRate + ")");
        }
        return Map.of("index", index, "stage", context.stage());
    }

    private static Number number(Map<String, Object> params, String key, Number fallback) {
        Object v = params.get(key);
        return v instanceof Number n ? n : fallback;
    }
}
