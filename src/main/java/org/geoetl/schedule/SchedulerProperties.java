package org.geoetl.schedule;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoetl.scheduler}: the Quartz scheduler behind every cron route (the janitor, curated
 * dataset schedules). With the {@code jdbc} store its triggers live in PostgreSQL (schema
 * {@code quartz}) and the instances sharing a database form one cluster: each tick fires on one
 * of them. {@code memory} keeps triggers per process (tests, a lone laptop instance).
 */
public record SchedulerProperties(
        @NotNull @Pattern(regexp = "jdbc|memory") @DefaultValue("jdbc") String store,
        /* instances with the same name and database are one cluster */
        @NotBlank @DefaultValue("geoetl") String instanceName,
        /* how often an instance tells the cluster it is alive; a silent one's triggers are taken over */
        @NotNull @DefaultValue("5s") Duration clusterCheckinInterval,
        /* a tick later than this counts as missed and follows the route's misfire instruction */
        @NotNull @DefaultValue("60s") Duration misfireThreshold,
        @Min(1) @Max(50) @DefaultValue("4") int threads,
        /* the registry is re-read this often, so a schedule changed on another instance applies here too */
        @NotNull @DefaultValue("10s") Duration syncInterval) {

    public boolean clustered() {
        return "jdbc".equals(store);
    }
}
