package org.geoetl.catalog.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.params.FieldError;
import org.geoetl.engine.params.ParameterValidationException;
import org.geoetl.engine.store.JanitorRunRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Cleanup runs on demand ({@code POST /api/cleanup/run?type=…}) and on schedule, each recorded in
 * app.janitor_runs with its run type and what it found. The one type today is
 * {@code metadata_consistency}; with geoetl.catalog.auto-heal it also submits the repairs.
 */
@Component("cleanupRuns")
public class CleanupRuns {

    public static final String METADATA_CONSISTENCY = "metadata_consistency";
    private static final Logger log = LoggerFactory.getLogger(CleanupRuns.class);

    private final MetadataHealth health;
    private final JanitorRunRepository runs;
    private final AutoHeal autoHeal;

    public CleanupRuns(MetadataHealth health, JanitorRunRepository runs, AutoHeal autoHeal) {
        this.health = health;
        this.runs = runs;
        this.autoHeal = autoHeal;
    }

    /** A run's answer and the job messages of the repairs it submitted. */
    public record Ran(Map<String, Object> response, List<org.geoetl.engine.message.Outgoing> messages) {
    }

    /** The API's verb: {@code type} must be a known run type (400 otherwise). */
    public Ran run(String type) {
        if (!METADATA_CONSISTENCY.equals(type)) {
            throw new ParameterValidationException(List.of(new FieldError("type", "unknown cleanup run type '" + type
                    + "'; known: [" + METADATA_CONSISTENCY + "]")));
        }
        return consistency("manual");
    }

    /** The Quartz route's entry. */
    public Ran scheduled() {
        return consistency("schedule");
    }

    private Ran consistency(String trigger) {
        long t0 = System.nanoTime();
        HealthReport report = health.check(health.maxIssues());
        List<AutoHeal.Repair> repairs = autoHeal.submitRepairs(report);
        List<Map<String, Object>> healed = repairs.stream().map(AutoHeal.Repair::summary).toList();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Object> actions = new LinkedHashMap<>();
        actions.put("report", report);
        actions.put("repairs_submitted", healed);
        Long runId = runs.record(METADATA_CONSISTENCY, trigger, ms, healed.size(), actions);
        if (report.summary().issues() > 0) {
            log.warn("metadata consistency run {}: {} issues in {} checks (GET /api/cleanup/metadata-health)", runId,
                    report.summary().issues(), report.summary().checksWithIssues());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run_id", runId);
        out.put("type", METADATA_CONSISTENCY);
        out.put("trigger", trigger);
        out.put("duration_ms", ms);
        out.put("report", report);
        out.put("repairs_submitted", healed);
        return new Ran(out, repairs.stream().flatMap(r -> r.messages().stream()).toList());
    }
}
