package org.geoetl.engine.handler;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Every {@link TaskHandler} bean, by task type. Two handlers for one type stop the start-up. */
@Component
public class TaskHandlerRegistry {

    private final Map<String, TaskHandler> byType = new TreeMap<>();

    public TaskHandlerRegistry(List<TaskHandler> handlers) {
        for (TaskHandler handler : handlers) {
            TaskHandler previous = byType.putIfAbsent(handler.taskType(), handler);
            if (previous != null) {
                throw new IllegalStateException("task type '" + handler.taskType() + "' has two handlers: "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
    }

    public Optional<TaskHandler> find(String taskType) {
        return Optional.ofNullable(byType.get(taskType));
    }

    public TaskHandler get(String taskType) {
        return find(taskType).orElseThrow(() -> new IllegalStateException("no handler for task type " + taskType));
    }

    public Map<String, TaskHandler> all() {
        return Collections.unmodifiableMap(byType);
    }
}
