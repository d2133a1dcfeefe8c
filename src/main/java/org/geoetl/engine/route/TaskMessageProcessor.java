package org.geoetl.engine.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.geoetl.engine.TaskRunner;
import org.geoetl.engine.message.TaskMessage;
import org.springframework.stereotype.Component;

/**
 * Task-queue consumer step: runs the task; the body becomes the stage_complete message to send on
 * the jobs queue, or null when this task did not finish its stage.
 */
@Component("taskMessageProcessor")
public class TaskMessageProcessor implements Processor {

    private final TaskRunner runner;
    private final MessageCodec codec;

    public TaskMessageProcessor(TaskRunner runner, MessageCodec codec) {
        this.runner = runner;
        this.codec = codec;
    }

    @Override
    public void process(Exchange exchange) {
        TaskMessage message = codec.read(exchange.getIn().getBody(String.class), TaskMessage.class);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(runner.run(message).map(codec::write).orElse(null));
    }
}
