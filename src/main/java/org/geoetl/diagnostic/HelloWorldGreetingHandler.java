package org.geoetl.diagnostic;

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
    public String description() {
        return "hello_world stage 1: one greeting per task (fails at random with failure_rate)";
    }

    @Override
    public Class<?> paramsType() {
        return HelloWorld.Params.class;
    }

    @Override
    public Class<?> resultType() {
        return HelloWorld.Greeting.class;
    }

    @Override
    public HelloWorld.Greeting handle(TaskContext context) {
        HelloWorld.Params job = context.params(HelloWorld.Params.class);
        int index = context.taskParams(HelloWorld.Slot.class).index();
        if (job.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < job.failureRate()) {
            throw new TransientTaskException("simulated failure (failure_rate=" + job.failureRate() + ")");
        }
        return new HelloWorld.Greeting(index, job.message() + " from task " + index);
    }
}
