package org.geoetl.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.engine.message.TaskMessage;
import org.geoetl.engine.store.DispatchRow;
import org.springframework.stereotype.Component;

/**
 * The one place task messages are built from task rows: the queue is the row's stored
 * {@code target_queue}, and tasks of one stage and type are grouped into batches (see
 * {@link #batchSize}) so a consumer claims and completes many in one statement.
 */
@Component
public class TaskMessages {

    private final GeoEtlProperties.Queues queues;
    private final GeoEtlProperties.Engine engine;
    private final int lightConsumers;
    private final TaskHandlerRegistry handlers;

    public TaskMessages(GeoEtlProperties properties, TaskHandlerRegistry handlers) {
        this.queues = properties.queues();
        this.engine = properties.engine();
        this.lightConsumers = properties.consumers().light();
        this.handlers = handlers;
    }

    /** The queue name a task of this type is planned onto. */
    public String queueFor(String taskType) {
        return handlers.get(taskType).queueClass() == QueueClass.HEAVY ? queues.heavy() : queues.light();
    }

    /** Messages for these rows, batched; each row once. */
    public List<Outgoing> forRows(List<DispatchRow> rows) {
        Map<String, List<DispatchRow>> groups = new LinkedHashMap<>();
        for (DispatchRow row : rows) {
            groups.computeIfAbsent(row.jobId() + "|" + row.stage() + "|" + row.taskType() + "|" + row.targetQueue(),
                    k -> new ArrayList<>()).add(row);
        }
        List<Outgoing> out = new ArrayList<>();
        for (List<DispatchRow> group : groups.values()) {
            DispatchRow first = group.get(0);
            String queueClass = queueClass(first);
            int size = batchSize(group.size(), queueClass);
            for (int from = 0; from < group.size(); from += size) {
                List<String> ids = group.subList(from, Math.min(group.size(), from + size)).stream()
                        .map(DispatchRow::taskId).toList();
                out.add(Outgoing.task(new TaskMessage(ids, first.jobId(), first.stage(), first.taskType(), queueClass)));
            }
        }
        return out;
    }

    /**
     * One message per task, never batched: for tasks taken back from a worker that died. Attempts
     * are counted when a batch is claimed, so if one input kills the worker, re-sending its batch
     * as a batch would charge the same neighbours an attempt on every crash.
     */
    public List<Outgoing> oneEach(List<DispatchRow> rows) {
        return rows.stream().map(r -> Outgoing.task(new TaskMessage(r.taskId(), r.jobId(), r.stage(), r.taskType(),
                queueClass(r)))).toList();
    }

    private int batchSize(int tasks, String queueClass) {
        return QueueClass.HEAVY.wireName().equals(queueClass)
                ? batchSize(tasks, engine.dispatchBatchHeavy(), 1)
                : batchSize(tasks, engine.dispatchBatchLight(), lightConsumers);
    }

    /**
     * Tasks per message: about one message per consumer of this process for a small stage (every
     * consumer busy, few sends — each send costs about a millisecond at a stage transition), at
     * most {@code max} ids per message, so a large stage is spread over many messages.
     */
    static int batchSize(int tasks, int max, int consumers) {
        int spread = tasks / Math.max(1, consumers);
        return Math.max(1, Math.min(max, spread));
    }

    /** heavy or light, from the stored queue name; a queue renamed since planning falls back to the handler's class. */
    private String queueClass(DispatchRow row) {
        if (queues.heavy().equals(row.targetQueue())) {
            return QueueClass.HEAVY.wireName();
        }
        if (queues.light().equals(row.targetQueue())) {
            return QueueClass.LIGHT.wireName();
        }
        return handlers.get(row.taskType()).queueClass().wireName();
    }
}
