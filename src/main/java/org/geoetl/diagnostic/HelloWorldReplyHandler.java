package org.geoetl.diagnostic;

import java.util.Map;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.springframework.stereotype.Component;

/** hello_world stage 2: replies to the greeting it received from stage 1. */
@Component
public class HelloWorldReplyHandler implements TaskHandler {

    @Override
    public String taskType() {
        return "hello_world_reply";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.LIGHT;
    }

    @Override
    public Map<String, Object> handle(TaskContext context) {
        Object item = context.taskParameters().get("item");
        if (!(item instanceof Map<?, ?> greeting) || greeting.get("greeting") == null) {
            throw new PermanentTaskException("reply task received no greeting from stage 'greeting': " + item);
        }
        return Map.of("index", greeting.get("index"), "greeting", greeting.get("greeting"),
                "reply", "Hello back to task " + greeting.get("index"));
    }
}
