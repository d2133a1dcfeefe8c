package org.geoetl.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under the {@code geoetl:} root. Defaults here are the documented defaults
 * (docs/configuration.md); application.yaml only repeats them where routes need placeholders.
 */
@Validated
@ConfigurationProperties("geoetl")
public record GeoEtlProperties(
        @Valid @NotNull @DefaultValue Queues queues,
        @Valid @NotNull @DefaultValue Broker broker,
        @Valid @NotNull @DefaultValue Roles roles,
        @Valid @NotNull @DefaultValue Consumers consumers,
        @Valid @NotNull Transport transport,
        @Valid @NotNull @DefaultValue Worker worker,
        @Valid @NotNull @DefaultValue Engine engine) {

    /** Embedded Artemis: where its persistent journal lives. */
    public record Broker(@NotBlank @DefaultValue("data/artemis") String dataDir) {
    }

    /** Which roles this process runs (routes start only for enabled roles); all on by default. */
    public record Roles(
            @DefaultValue("true") boolean api,
            @DefaultValue("true") boolean orchestrator,
            @DefaultValue("true") boolean workerHeavy,
            @DefaultValue("true") boolean workerLight) {
    }

    /** Concurrent consumers per queue in this process. */
    public record Consumers(
            @Min(1) @DefaultValue("2") int jobs,
            @Min(1) @DefaultValue("2") int heavy,
            @Min(1) @DefaultValue("8") int light) {
    }

    /** Endpoint URIs the routes consume from and send to; the profile decides the transport. */
    public record Transport(
            @NotBlank String jobsIn, @NotBlank String jobsOut,
            @NotBlank String heavyIn, @NotBlank String heavyOut,
            @NotBlank String lightIn, @NotBlank String lightOut) {
    }

    /** Queue names, identical on Artemis and Service Bus. */
    public record Queues(
            @NotBlank @DefaultValue("geospatial-jobs") String jobs,
            @NotBlank @DefaultValue("container-tasks") String heavy,
            @NotBlank @DefaultValue("functionapp-tasks") String light) {
    }

    /** Worker behaviour. */
    public record Worker(
            /* how long a claimed task is leased to its worker before it counts as abandoned */
            @NotNull @DefaultValue("5m") Duration lease,
            /* default attempts per task (first run + retries); a task type may override */
            @Min(1) @DefaultValue("4") int maxAttempts) {
    }

    /** Planning and reporting limits. */
    public record Engine(
            /* most tasks one stage may plan; a larger fan-out fails the job with a clear error */
            @Min(1) @DefaultValue("100000") int maxTasksPerStage,
            /* how many results of the last stage a job's result summary embeds */
            @Min(0) @DefaultValue("100") int resultSampleSize) {
    }
}
