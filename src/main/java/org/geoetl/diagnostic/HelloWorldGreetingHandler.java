package org.geoetl.diagnostic;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.engine.handler.TransientTaskException;
import org.springframework.stereotype.Component;

/** hello_world stage 1: one greeting per task; fails at random with the job's failure_rate. */
@Component
public class HelloWorldGreetingHandler implements TaskHandler {

    @Override
    public String taskType() {
        return "hello_world_greeting";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.LIGHT;
    }

    @Override
    public Map<String, Object> handle(TaskContext context) {
        Map<String, Object> job = context.jobParameters();
        int index = ((Number) context.taskParameters().get("index")).intValue();
        double failureRate = ((Number) job.getOrDefault("failure_rate", 0)).doubleValue();
        if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) {
            throw new TransientTaskException("simulated failure (failure_rate=" + failureRate + ")");
        }
        return Map.of("index", index, "greeting", job.get("message") + " from task " + index);
    }
}
