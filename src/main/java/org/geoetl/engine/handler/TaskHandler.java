package org.geoetl.engine.handler;

/**
 * The work of one task type. Implementations are Spring beans; the engine finds them by
 * {@link #taskType()}. A handler never sees Camel or the broker: it gets a {@link TaskContext}
 * (parameters and earlier results as records: {@link TaskContext#params}, {@link TaskContext#stageResults(String, Class)})
 * and returns its result — preferably a record — which is stored in {@code app.tasks.result_data}
 * as JSON and is what later stages read (see {@code StageData} for the naming rule).
 *
 * <p>Throw {@link PermanentTaskException} for input that will never succeed, and
 * {@link TransientTaskException} (or any I/O exception) for what may succeed on a later attempt.
 */
public interface TaskHandler {

    String taskType();

    QueueClass queueClass();

    Object handle(TaskContext context) throws Exception;

    /** One line for the task-type catalogue (GET /api/task-types) and the editor's palette. */
    default String description() {
        return "";
    }

    /**
     * The record this handler reads the job's parameters into ({@link TaskContext#params}); the
     * catalogue publishes its JSON Schema, so a pipeline author knows what parameters to declare.
     * Null when it reads none.
     */
    default Class<?> paramsType() {
        return null;
    }

    /** The record this handler returns (what later stages read); null when it returns nothing typed. */
    default Class<?> resultType() {
        return null;
    }
}
