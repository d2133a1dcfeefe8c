package org.geoetl.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.engine.store.TaskRecoveryRepository;
import org.geoetl.engine.store.WorkerInstanceRepository;
import org.geoetl.engine.store.WorkerInstanceRepository.Instance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Declares worker instances dead and re-queues every task they held at once, whatever the task
 * leases say: an instance silent for {@code missed-heartbeats × heartbeat}, and — without waiting
 * — an instance registered on this host whose process no longer exists (this process's previous
 * incarnation after a kill -9, or a sibling on the same machine). Runs every heartbeat in every
 * process; instance rows are locked with SKIP LOCKED, so each dead instance is reaped once.
 * Leases remain the guard for a worker that is alive but stuck.
 *
 * <p>With the embedded broker, a process found gone on this host may have taken the broker down with it, and with it
 * the messages of a step that had committed in the database but not yet on the broker (a planned
 * stage's first tasks). So after such a find, every unfinished job gets a submit again, which the
 * orchestrator answers by re-sending its queued tasks (and the rest of a half-planned stage):
 * duplicates where the messages survived, which workers skip, instead of a wait for the janitor's
 * queued-timeout where they did not.
 */
@Component
public class InstanceReaper {

    private static final Logger log = LoggerFactory.getLogger(InstanceReaper.class);

    /** What one pass did: instances declared dead (id → reason), tasks re-queued or failed, messages to send. */
    public record Pass(Map<String, String> deadInstances, int requeued, int failed, List<Outgoing> messages) {
    }

    private final WorkerInstanceRepository instances;
    private final TaskRecoveryRepository recovery;
    private final AbandonedTasks abandoned;
    private final WorkerIdentity me;
    private final Duration silence;
    private final TransactionTemplate tx;
    private final org.geoetl.engine.store.JobRepository jobs;
    /* with a standalone broker a dead client's transactions roll back there and are redelivered: no resync */
    private final boolean embeddedBroker;

    public InstanceReaper(WorkerInstanceRepository instances, TaskRecoveryRepository recovery, AbandonedTasks abandoned,
                          WorkerIdentity me, GeoEtlProperties properties, TransactionTemplate tx,
                          org.geoetl.engine.store.JobRepository jobs) {
        this.jobs = jobs;
        this.embeddedBroker = properties.broker().url().isBlank();
        this.instances = instances;
        this.recovery = recovery;
        this.abandoned = abandoned;
        this.me = me;
        this.silence = properties.worker().heartbeat().multipliedBy(properties.worker().missedHeartbeats());
        this.tx = tx;
    }

    public Pass reap() {
        return tx.execute(status -> {
            Map<String, String> dead = new LinkedHashMap<>();
            // live siblings are only read; a row is locked once its process is known to be gone
            Map<String, String> gone = new LinkedHashMap<>();
            for (Instance other : instances.othersOnHost(me.host(), me.id())) {
                if (other.pid() == me.pid() || ProcessHandle.of(other.pid()).map(p -> !p.isAlive()).orElse(true)) {
                    gone.put(other.instanceId(), "process " + other.pid() + " on " + other.host() + " is gone");
                }
            }
            instances.lockAlive(List.copyOf(gone.keySet())).forEach(id -> dead.put(id, gone.get(id)));
            for (Instance other : instances.lockSilent(silence, me.id())) {
                dead.putIfAbsent(other.instanceId(), "no heartbeat for " + silence.toSeconds() + " s");
            }
            int requeued = 0;
            int failed = 0;
            List<Outgoing> out = new ArrayList<>();
            for (Map.Entry<String, String> d : dead.entrySet()) {
                AbandonedTasks.Recovered r = abandoned.recover(recovery.lockHeldBy(List.of(d.getKey())),
                        t -> "worker " + d.getKey() + " died (" + d.getValue() + ")");
                instances.end(d.getKey(), "dead", d.getValue(), r.requeued() + r.failed());
                requeued += r.requeued();
                failed += r.failed();
                out.addAll(r.messages());
                log.warn("worker instance {} declared dead ({}): {} task(s) re-queued, {} failed",
                        d.getKey(), d.getValue(), r.requeued(), r.failed());
            }
            if (embeddedBroker && dead.keySet().stream().anyMatch(gone::containsKey)) {
                jobs.unfinishedIds().forEach(id -> out.add(Outgoing.job(org.geoetl.engine.message.JobMessage.submit(id))));
            }
            return new Pass(dead, requeued, failed, out);
        });
    }
}
