package org.geoetl.support;

import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Handlers of the test-only engine_probe job. */
@Configuration
public class ProbeHandlers {

    @Bean
    TaskHandler probeEcho() {
        return new TaskHandler() {
            public String taskType() { return "probe_echo"; }
            public QueueClass queueClass() { return QueueClass.LIGHT; }
            public Map<String, Object> handle(TaskContext c) {
                return Map.of("stage", c.stageName(), "params", c.taskParameters());
            }
        };
    }

    /** Runs on the heavy queue so both worker routes are exercised. */
    @Bean
    TaskHandler probeCollect() {
        return new TaskHandler() {
            public String taskType() { return "probe_collect"; }
            public QueueClass queueClass() { return QueueClass.HEAVY; }
            public Map<String, Object> handle(TaskContext c) {
                String source = (String) c.taskParameters().get("source_stage");
                List<Map<String, Object>> results = c.stageResults(source);
                int sum = results.stream()
                        .mapToInt(r -> ((Number) ((Map<?, ?>) r.get("params")).get("item")).intValue()).sum();
                return Map.of("count", results.size(), "sum", sum,
                        "expected_count", c.taskParameters().get("expected_count"));
            }
        };
    }
}
