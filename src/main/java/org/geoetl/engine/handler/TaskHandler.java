package org.geoetl.engine.handler;

import java.util.Map;

/**
 * The work of one task type. Implementations are Spring beans; the engine finds them by
 * {@link #taskType()}. A handler never sees Camel or the broker: it gets a {@link TaskContext}
 * and returns its result, which is stored in {@code app.tasks.result_data} and is what later
 * stages read.
 *
 * <p>Throw {@link PermanentTaskException} for input that will never succeed, and
 * {@link TransientTaskException} (or any I/O exception) for what may succeed on a later attempt.
 */
public interface TaskHandler {

    String taskType();

    QueueClass queueClass();

    Map<String, Object> handle(TaskContext context) throws Exception;
}
