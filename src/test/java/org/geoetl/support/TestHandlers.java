package org.geoetl.support;

import java.util.Map;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;

/** Minimal handlers for unit tests that only need a task type to exist. */
public final class TestHandlers {

    private TestHandlers() {
    }

    public static TaskHandler noop(String type) {
        return new TaskHandler() {
            public String taskType() { return type; }
            public QueueClass queueClass() { return QueueClass.LIGHT; }
            public Map<String, Object> handle(TaskContext context) { return Map.of(); }
        };
    }
}
