package org.geoetl.diagnostic;

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
    public String description() {
        return "hello_world stage 2: replies to the greeting it received from stage 1";
    }

    @Override
    public Class<?> resultType() {
        return HelloWorld.Reply.class;
    }

    @Override
    public HelloWorld.Reply handle(TaskContext context) {
        HelloWorld.Greeting greeting = context.taskParams(HelloWorld.ReplyTask.class).item();
        if (greeting == null || greeting.greeting() == null) {
            throw new PermanentTaskException("reply task received no greeting from stage 'greeting'");
        }
        return new HelloWorld.Reply(greeting.index(), greeting.greeting(), "Hello back to task " + greeting.index());
    }
}
