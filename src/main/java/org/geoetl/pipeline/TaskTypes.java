package org.geoetl.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/task-types}: every task type with its description, queue class and the JSON
 * Schemas of the job parameters it reads and the result it returns, generated from the handler's
 * records, so the editor's palette and forms are never written by hand.
 */
@Component("taskTypes")
public class TaskTypes {

    private final TaskHandlerRegistry handlers;
    private volatile Map<String, Object> cached;

    public TaskTypes(TaskHandlerRegistry handlers) {
        this.handlers = handlers;
    }

    public Map<String, Object> list() {
        Map<String, Object> c = cached;
        if (c == null) {
            List<Map<String, Object>> types = handlers.all().values().stream().map(TaskTypes::describe).toList();
            c = Map.of("count", types.size(), "task_types", types);
            cached = c;
        }
        return c;
    }

    static Map<String, Object> describe(TaskHandler h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", h.taskType());
        m.put("description", h.description());
        m.put("queue_class", h.queueClass().wireName());
        m.put("parameters", RecordSchemas.of(h.paramsType()));
        m.put("result", RecordSchemas.of(h.resultType()));
        return m;
    }
}
