package org.geoetl.engine;

import java.util.List;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.Outgoing;
import org.springframework.stereotype.Component;

/**
 * What follows the completion that finished a stage. In a process that also runs the orchestrator
 * role the next stage is planned right here, and its task messages leave in the same broker
 * transaction as the finishing task's acknowledgement — one queue hop less between stages. A
 * worker-only process sends {@code stage_complete} to the jobs queue instead. Either way the
 * orchestrator decides under the job row lock, so a duplicate signal (a redelivery, the janitor)
 * changes nothing; if this process dies before its broker commit, the redelivered task message
 * finds its task completed and sends the signal again.
 */
@Component
public class StageAdvance {

    private final Orchestrator orchestrator;
    private final boolean plansHere;
    private final org.geoetl.telemetry.Tracing tracing;
    private final org.geoetl.telemetry.Meters meters;

    public StageAdvance(Orchestrator orchestrator, GeoEtlProperties properties, org.geoetl.telemetry.Tracing tracing,
                        org.geoetl.telemetry.Meters meters) {
        this.orchestrator = orchestrator;
        this.plansHere = properties.roles().orchestrator();
        this.tracing = tracing;
        this.meters = meters;
    }

    public List<Outgoing> stageFinished(String jobId, int stage) {
        JobMessage signal = JobMessage.stageComplete(jobId, stage);
        if (!plansHere) {
            return List.of(Outgoing.job(signal)); // the orchestrator's consumer measures and traces the barrier
        }
        try (org.geoetl.telemetry.Tracing.Scope span = tracing.start("stage barrier", null, java.util.Map.of("job_id", jobId))) {
            span.tag("stage", Integer.toString(stage));
            List<Outgoing> next = orchestrator.handle(signal, false);
            meters.stageBarrier(java.time.Duration.ofNanos(System.nanoTime() - span.startedNanos()));
            return next;
        }
    }
}
