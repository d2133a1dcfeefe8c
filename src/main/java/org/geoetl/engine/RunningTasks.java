package org.geoetl.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.store.TaskRepository;
import org.geoetl.engine.store.WorkerInstanceRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This process as a worker instance: the tasks it is running, and its heartbeat. The process
 * registers in {@code app.worker_instances} when it starts; every {@code geoetl.worker.heartbeat}
 * one thread beats the instance row and renews the leases of all running tasks (one UPDATE each).
 * The beat runs on its own thread, not a Camel route, so it goes on while a graceful shutdown
 * waits for in-flight tasks; the row is marked {@code stopped} only after they finished.
 * An instance that stops beating is declared dead by {@link InstanceReaper} in another process.
 */
@Component
public class RunningTasks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningTasks.class);

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final TaskRepository tasks;
    private final WorkerInstanceRepository instances;
    private final GeoEtlProperties properties;
    private final WorkerIdentity worker;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "geoetl-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public RunningTasks(TaskRepository tasks, WorkerInstanceRepository instances, GeoEtlProperties properties,
                        WorkerIdentity worker) {
        this.tasks = tasks;
        this.instances = instances;
        this.properties = properties;
        this.worker = worker;
        instances.register(worker.id(), worker.host(), worker.pid(), roles(properties.roles()));
        long every = properties.worker().heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Takes the tasks this process does not already run; returns those it took. */
    public List<String> addAll(Collection<String> taskIds) {
        List<String> taken = new ArrayList<>(taskIds.size());
        for (String id : taskIds) {
            if (running.add(id)) {
                taken.add(id);
            }
        }
        return taken;
    }

    public void removeAll(Collection<String> taskIds) {
        running.removeAll(taskIds);
    }

    void beat() {
        try {
            if (!instances.beat(worker.id())) {
                // declared dead (a pause longer than the silence allowed): our tasks were re-queued;
                // come back as alive so new claims are not orphaned. Running handlers finish; their
                // completions count once (only a processing task completes).
                log.warn("worker instance {} had been declared dead; registering again", worker.id());
                instances.register(worker.id(), worker.host(), worker.pid(), roles(properties.roles()));
            }
            List<String> ids = List.copyOf(running);
            if (!ids.isEmpty()) {
                tasks.renewLeases(ids, worker.id(), properties.worker().lease());
            }
        } catch (RuntimeException e) {
            // a missed beat is not fatal: an instance is declared dead only after several
            log.warn("heartbeat of {} ({} tasks) failed: {}", worker.id(), running.size(), e.getMessage());
        }
    }

    static String roles(GeoEtlProperties.Roles roles) {
        List<String> on = new ArrayList<>();
        if (roles.api()) {
            on.add("api");
        }
        if (roles.orchestrator()) {
            on.add("orchestrator");
        }
        if (roles.workerHeavy()) {
            on.add("worker-heavy");
        }
        if (roles.workerLight()) {
            on.add("worker-light");
        }
        if (roles.scheduler()) {
            on.add("scheduler");
        }
        return String.join(",", on);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            instances.end(worker.id(), "stopped", "shut down", 0);
        } catch (RuntimeException e) {
            log.warn("could not mark worker instance {} stopped: {}", worker.id(), e.getMessage());
        }
    }
}
