package org.geoetl.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The service's own counters and timers (names in docs/operations.md). Prometheus sees them as
 * {@code geoetl_tasks_total}, {@code geoetl_task_duration_seconds_bucket} … Tags stay low in
 * cardinality: task types, outcomes, job types and dataset ids are closed sets; job ids never are tags.
 */
@Component
public class Meters {

    /** How a handler's run ended. */
    public enum TaskOutcome { COMPLETED, RETRYING, FAILED, INTERRUPTED }

    private final MeterRegistry registry;

    public Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void taskFinished(String taskType, TaskOutcome outcome, Duration took) {
        String o = outcome.name().toLowerCase(java.util.Locale.ROOT);
        Counter.builder("geoetl.tasks").description("Task runs by type and outcome")
                .tags("task_type", taskType, "outcome", o).register(registry).increment();
        Timer.builder("geoetl.task.duration").description("Handler run time by task type and outcome")
                .tags("task_type", taskType, "outcome", o).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(2))
                .register(registry).record(took);
    }

    /** From the commit that completed a stage's last task to the orchestrator acting on it. */
    public void stageBarrier(Duration latency) {
        Timer.builder("geoetl.stage.barrier").description("Stage completion to next stage planned or job finalized")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry).record(latency.isNegative() ? Duration.ZERO : latency);
    }

    public void jobSubmitted(String jobType, boolean created) {
        Counter.builder("geoetl.jobs.submitted").description("Submissions by job type; created=false for an existing job")
                .tags("job_type", jobType, "created", Boolean.toString(created)).register(registry).increment();
    }

    /** A curated dataset run ended: completed, skipped or failed. */
    public void curatedUpdate(String datasetId, String outcome) {
        Counter.builder("geoetl.curated.updates").description("Curated dataset update runs by dataset and outcome")
                .tags("dataset", datasetId, "outcome", outcome).register(registry).increment();
    }
}
