package org.geoetl.database;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.error.GeoEtlException;
import org.springframework.stereotype.Component;

/**
 * Schema maintenance (seed §3.7), admin only: {@code ensure} (additive: pending migrations, the
 * output schemas), {@code rebuild} (the app database's own schemas — app, stac, quartz — dropped
 * and migrated again, then the start-up seeds; never the output tables, and never while a job is
 * unfinished) and {@code cleanup} (finished jobs older than {@code days}). Every action needs
 * {@code confirm=yes}.
 */
@Component
public class SchemaMaintenance {

    /** The app database's schemas a rebuild recreates. The output schemas are never among them. */
    static final List<String> APP_SCHEMAS = List.of("app", "stac", "quartz");

    private final Flyway flyway;
    private final OutputDatabase output;
    private final JobRepository jobs;
    private final List<AppDatabaseSeed> seeds;
    private final QuartzPause quartz;
    private final List<String> outputSchemas;
    private final Clock clock;

    public SchemaMaintenance(Flyway flyway, OutputDatabase output, JobRepository jobs, List<AppDatabaseSeed> seeds,
                             QuartzPause quartz, GeoEtlProperties properties, Clock clock) {
        this.flyway = flyway;
        this.output = output;
        this.jobs = jobs;
        this.seeds = seeds;
        this.quartz = quartz;
        this.outputSchemas = properties.vector().schemas();
        this.clock = clock;
    }

    public Map<String, Object> run(String action, String confirm, Integer days) {
        if (action == null || !List.of("ensure", "rebuild", "cleanup").contains(action)) {
            throw new GeoEtlException(400, "action must be one of ensure, rebuild, cleanup",
                    Map.of("field", "action"));
        }
        if (!"yes".equals(confirm)) {
            throw new GeoEtlException(400, "maintenance action '" + action + "' needs confirm=yes", Map.of("field", "confirm"));
        }
        return switch (action) {
            case "ensure" -> ensure();
            case "rebuild" -> rebuild();
            default -> cleanup(days == null ? 30 : days);
        };
    }

    private Map<String, Object> ensure() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", "ensure");
        out.put("migrations_applied", flyway.migrate().migrationsExecuted);
        out.put("schema_version", flyway.info().current() == null ? null : flyway.info().current().getVersion().getVersion());
        out.put("output_database", output.name());
        out.put("output_schemas", ensureOutputSchemas());
        return out;
    }

    /** Each output schema: present, created, or missing (the output role may not create schemas: an owner must). */
    private Map<String, String> ensureOutputSchemas() {
        Map<String, String> state = new LinkedHashMap<>();
        for (String schema : outputSchemas) {
            if (schemaExists(schema)) {
                state.put(schema, "present");
                continue;
            }
            try {
                output.jdbc().execute("CREATE SCHEMA IF NOT EXISTS \"" + schema.replace("\"", "\"\"") + "\"");
                state.put(schema, "created");
            } catch (org.springframework.dao.DataAccessException e) {
                state.put(schema, "missing: the output database's role may not create it; its owner must");
            }
        }
        return state;
    }

    private boolean schemaExists(String schema) {
        return Boolean.TRUE.equals(output.jdbc().queryForObject(
                "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)", Boolean.class, schema));
    }

    private synchronized Map<String, Object> rebuild() {
        long unfinished = jobs.countUnfinished();
        if (unfinished > 0) {
            throw new GeoEtlException(409, unfinished + " job(s) are queued or running; cancel them or let them finish"
                    + " before a rebuild", Map.of("unfinished_jobs", unfinished));
        }
        List<String> reseeded = new ArrayList<>();
        int applied;
        int triggers;
        try (QuartzPause.Paused paused = quartz.pause()) {
            triggers = paused.triggers();
            Flyway.configure().configuration(flyway.getConfiguration()).schemas(APP_SCHEMAS.toArray(String[]::new))
                    .cleanDisabled(false).load().clean();
            applied = flyway.migrate().migrationsExecuted;
            for (AppDatabaseSeed seed : seeds) {
                seed.seed();
                reseeded.add(seed.seedName());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", "rebuild");
        out.put("rebuilt_schemas", APP_SCHEMAS);
        out.put("migrations_applied", applied);
        out.put("reseeded", reseeded);
        out.put("schedules_restored", triggers);
        out.put("untouched", Map.of("output_database", output.name(), "output_schemas", outputSchemas));
        return out;
    }

    private Map<String, Object> cleanup(int days) {
        if (days < 1 || days > 3650) {
            throw new GeoEtlException(400, "days must be between 1 and 3650", Map.of("field", "days"));
        }
        int deleted = jobs.deleteFinishedBefore(clock.instant().minus(Duration.ofDays(days)));
        return Map.of("action", "cleanup", "days", days, "jobs_deleted", deleted);
    }
}
