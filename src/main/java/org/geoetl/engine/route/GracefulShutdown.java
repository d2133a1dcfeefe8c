package org.geoetl.engine.route;

import org.geoetl.engine.TaskRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * On SIGTERM (context close) tell running handlers to stop at their next phase boundary, before
 * Camel stops the consumers and waits for in-flight messages (camel.main.shutdown-timeout). A
 * handler that stops leaves its task interrupted with its checkpoint, and its message back on the
 * queue for the next worker. The database pool closes only after Camel, so checkpoints can be saved.
 */
@Component
public class GracefulShutdown implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

    private final TaskRunner runner;

    public GracefulShutdown(TaskRunner runner) {
        this.runner = runner;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        log.info("shutting down: running handlers will stop at their next phase boundary");
        runner.requestStop();
    }
}
