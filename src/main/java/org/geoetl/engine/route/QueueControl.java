package org.geoetl.engine.route;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.NotFoundException;
import org.geoetl.engine.store.OperatorActionRepository;
import org.springframework.stereotype.Component;

/**
 * Pauses and resumes consumption of a queue in this process by suspending the route that consumes
 * it (messages wait in the broker; running tasks finish). Recorded in app.operator_actions.
 * Suspending waits for the route's in-flight messages, which can take as long as a task: the
 * answer comes at once ("pausing"), the suspension completes on a thread of its own.
 */
@Component
public class QueueControl {

    private final CamelContext camel;
    private final GeoEtlProperties properties;
    private final OperatorActionRepository actions;

    public QueueControl(CamelContext camel, GeoEtlProperties properties, OperatorActionRepository actions) {
        this.camel = camel;
        this.properties = properties;
        this.actions = actions;
    }

    private final java.util.concurrent.ExecutorService suspender = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "queue-suspend");
        t.setDaemon(true);
        return t;
    });

    public Map<String, Object> pause(String queue) throws Exception {
        String route = routeOf(queue);
        record("queue_paused", queue);
        return change(queue, route, () -> camel.getRouteController().suspendRoute(route), "pausing");
    }

    public Map<String, Object> resume(String queue) throws Exception {
        String route = routeOf(queue);
        record("queue_resumed", queue);
        return change(queue, route, () -> camel.getRouteController().resumeRoute(route), "resuming");
    }

    /** Something the route controller does that may wait; one thread, so a resume follows its pause. */
    private interface RouteChange {
        void run() throws Exception;
    }

    private Map<String, Object> change(String queue, String route, RouteChange change, String inProgress) throws Exception {
        java.util.concurrent.Future<?> done = suspender.submit(() -> {
            change.run();
            return null;
        });
        try {
            // a route without work in flight changes in milliseconds: answer with the final state
            done.get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (java.util.concurrent.TimeoutException e) {
            return Map.of("queue", queue, "route", route, "consumption", inProgress,
                    "note", "running tasks finish first; GET /api/queues shows when it is done");
        }
        return state(queue);
    }

    public Map<String, Object> list() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String q : new String[] {properties.queues().jobs(), properties.queues().heavy(), properties.queues().light()}) {
            out.put(q, state(q).get("consumption"));
        }
        return Map.of("queues", out);
    }

    private Map<String, Object> state(String queue) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeOf(queue));
        String consumption = status == null ? "unknown" : status.isSuspended() ? "paused"
                : status.isStarted() ? "consuming" : status.name().toLowerCase();
        return Map.of("queue", queue, "route", routeOf(queue), "consumption", consumption);
    }

    private String routeOf(String queue) {
        GeoEtlProperties.Queues q = properties.queues();
        if (q.jobs().equals(queue)) {
            return "engine-orchestrator";
        } else if (q.heavy().equals(queue)) {
            return "worker-heavy";
        } else if (q.light().equals(queue)) {
            return "worker-light";
        }
        throw new NotFoundException("unknown queue '" + queue + "' (known: " + q.jobs() + ", " + q.heavy() + ", "
                + q.light() + ")");
    }

    private void record(String action, String queue) {
        actions.record(action, queue, Map.of("route", routeOf(queue)));
    }
}
