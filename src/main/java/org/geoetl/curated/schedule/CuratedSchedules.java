package org.geoetl.curated.schedule;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.geoetl.curated.CuratedDataset;
import org.geoetl.curated.CuratedDatasetRepository;
import org.geoetl.curated.RegistryChanged;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps one Quartz route per scheduled dataset (route template {@code curated-schedule}, in
 * routes/curated-schedules.yaml) in step with the registry: re-read every
 * {@code geoetl.scheduler.sync-interval} and at once after a change through this instance's API,
 * so a changed, disabled or deleted schedule applies without a restart — on every instance.
 *
 * <p>In a clustered store the triggers are shared rows: camel-quartz never deletes them when a
 * route stops (another instance may still run it), so this class does, when a dataset stops
 * being scheduled or its cron changes; an instance that syncs later finds them gone or new.
 */
@Component("curatedSchedules")
public class CuratedSchedules {

    static final String TEMPLATE = "curated-schedule";
    static final String ROUTE_PREFIX = "curated-schedule-";
    static final String TRIGGER_GROUP = "curated";

    private static final Logger log = LoggerFactory.getLogger(CuratedSchedules.class);

    private final CamelContext camel;
    private final CuratedDatasetRepository registry;
    /** dataset id → cron of the route this instance runs. */
    private final Map<String, String> running = new TreeMap<>();

    public CuratedSchedules(CamelContext camel, CuratedDatasetRepository registry) {
        this.camel = camel;
        this.registry = registry;
    }

    /** What should be scheduled: enabled datasets with a cron. */
    static Map<String, String> desired(Iterable<CuratedDataset> datasets) {
        Map<String, String> out = new LinkedHashMap<>();
        for (CuratedDataset d : datasets) {
            if (d.enabled() && d.schedule() != null && !d.schedule().isBlank()) {
                out.put(d.datasetId(), d.schedule().strip());
            }
        }
        return out;
    }

    /** Routes to remove (gone or changed) and to add (new or changed), given what runs and what should. */
    static Plan plan(Map<String, String> running, Map<String, String> desired) {
        Set<String> remove = new java.util.TreeSet<>();
        Map<String, String> add = new TreeMap<>();
        running.forEach((id, cron) -> {
            if (!cron.equals(desired.get(id))) {
                remove.add(id);
            }
        });
        desired.forEach((id, cron) -> {
            if (!cron.equals(running.get(id))) {
                add.put(id, cron);
            }
        });
        return new Plan(remove, add);
    }

    record Plan(Set<String> remove, Map<String, String> add) {
    }

    @EventListener
    public void registryChanged(RegistryChanged event) {
        // only where this instance runs schedules (the sync route's autoStartup is geoetl.roles.scheduler)
        var sync = camel.getRouteController().getRouteStatus("curated-schedule-sync");
        if (sync != null && sync.isStarted()) {
            sync();
        }
    }

    /** Brings this instance's schedule routes (and the shared triggers) in line with the registry. */
    public synchronized Map<String, Object> sync() {
        Map<String, String> desired = desired(registry.list());
        Plan plan = plan(running, desired);
        for (String id : plan.remove()) {
            removeRoute(id);
            unschedule(id);
        }
        for (var e : plan.add().entrySet()) {
            addRoute(e.getKey(), e.getValue());
        }
        removeStrayTriggers(desired.keySet());
        if (!plan.remove().isEmpty() || !plan.add().isEmpty()) {
            log.info("curated schedules: removed {}, added {}", plan.remove(), plan.add().keySet());
        }
        return Map.of("scheduled", Map.copyOf(running));
    }

    public synchronized Map<String, String> running() {
        return Map.copyOf(running);
    }

    private void addRoute(String id, String cron) {
        try {
            TemplatedRouteBuilder.builder(camel, TEMPLATE).routeId(ROUTE_PREFIX + id)
                    .parameter("datasetId", id).parameter("cron", cron.replace(' ', '+')).add();
            running.put(id, cron);
        } catch (RuntimeException e) {
            log.warn("curated dataset {}: schedule '{}' not started: {}", id, cron, e.getMessage());
        }
    }

    private void removeRoute(String id) {
        String routeId = ROUTE_PREFIX + id;
        try {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        } catch (Exception e) {
            log.warn("curated dataset {}: schedule route not removed: {}", id, e.getMessage());
        }
        running.remove(id);
    }

    private void unschedule(String id) {
        try {
            scheduler().unscheduleJob(new TriggerKey(id, TRIGGER_GROUP));
        } catch (SchedulerException e) {
            log.warn("curated dataset {}: trigger not removed: {}", id, e.getMessage());
        }
    }

    /** Triggers of datasets no longer scheduled, left by instances that stopped before they could sync. */
    private void removeStrayTriggers(Set<String> desired) {
        try {
            for (TriggerKey key : scheduler().getTriggerKeys(GroupMatcher.triggerGroupEquals(TRIGGER_GROUP))) {
                if (!desired.contains(key.getName())) {
                    scheduler().unscheduleJob(key);
                }
            }
        } catch (SchedulerException e) {
            log.warn("curated schedules: stray triggers not checked: {}", e.getMessage());
        }
    }

    private Scheduler scheduler() {
        return camel.getComponent("quartz", QuartzComponent.class).getScheduler();
    }
}
