package org.geoetl.diagnostic;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.engine.handler.TransientTaskException;
import org.springframework.stereotype.Component;

/**
 * benchmark_fanout's task: no I/O. Sleeps work_ms (0 = return at once) and fails at random with
 * failure_rate — the engine's own load and chaos generator.
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
        long workMs = ((Number) job.getOrDefault("work_ms", 0)).longValue();
        double failureRate = ((Number) job.getOrDefault("failure_rate", 0)).doubleValue();
        if (workMs > 0) {
            Thread.sleep(workMs);
        }
        if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) {
            throw new TransientTaskException("simulated failure (failure_rate=" + failureRate + ")");
        }
        return Map.of("index", context.taskParameters().get("index"), "stage", context.stage());
    }
}
