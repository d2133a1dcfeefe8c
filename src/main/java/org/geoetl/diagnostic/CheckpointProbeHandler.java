package org.geoetl.diagnostic;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.springframework.stereotype.Component;

/**
 * checkpoint_probe's task: `phases` phases of `phase_ms` each, a checkpoint after every phase
 * recording which process ran it, and a stop point at every phase boundary. A resumed task
 * starts after its last checkpoint, so every phase runs exactly once across restarts.
 */
@Component
public class CheckpointProbeHandler implements TaskHandler {

    @Override
    public String taskType() {
        return "checkpoint_probe_task";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.HEAVY;
    }

    @Override
    public String description() {
        return "checkpoint_probe: phases with a checkpoint after each; a resumed task starts after its last";
    }

    @Override
    public Map<String, Object> handle(TaskContext context) throws InterruptedException {
        Map<String, Object> job = context.jobParameters();
        int phases = ((Number) job.get("phases")).intValue();
        long phaseMs = ((Number) job.get("phase_ms")).longValue();
        String process = ManagementFactory.getRuntimeMXBean().getName();
        int resumedFrom = context.checkpointPhase();
        List<Integer> ranHere = new ArrayList<>();
        for (int phase = resumedFrom + 1; phase <= phases; phase++) {
            Thread.sleep(phaseMs); // the phase's work
            context.checkpoint(phase, Map.of("phase_" + phase, process));
            ranHere.add(phase);
            context.progress(100 * phase / phases, "phase " + phase + " of " + phases);
            if (phase < phases) {
                context.stopIfRequested();
            }
        }
        return Map.of("resumed_from", resumedFrom, "phases_run_here", ranHere, "by_phase", context.checkpointData());
    }
}
