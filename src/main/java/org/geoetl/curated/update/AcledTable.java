package org.geoetl.curated.update;

import static org.geoetl.vector.ColumnNames.quote;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.curated.CuratedDatasetRepository;
import org.geoetl.curated.CuratedProperties;
import org.geoetl.curated.source.AcledClient;
import org.geoetl.curated.source.AcledDeletion;
import org.geoetl.curated.source.AcledEvent;
import org.geoetl.curated.source.AcledReadResult;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.vector.VectorTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ACLED events table ({@code geo.curated_acled_events}, upsert by {@code event_id_cnty}) and
 * its staging tables — the one owner of their SQL. Fetch pages the API into staging; the merge
 * applies it in one transaction (insert new, update changed, delete withdrawn, count the rest
 * unchanged) and records its counts in the update log in that same transaction, so a retried merge
 * reports instead of repeating; readers see the table before or after a run, never between.
 */
@Component
public class AcledTable {

    /** Data columns besides the key and the geometry; names as ACLED spells them. */
    static final List<String> TEXT = List.of("disorder_type", "event_type", "sub_event_type", "actor1",
            "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
            "region", "country", "admin1", "admin2", "admin3", "location", "source", "source_scale", "notes", "tags",
            "year", "time_precision", "iso", "geo_precision");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate outputTx;
    private final AcledClient acled;
    private final CuratedDatasetRepository registry;
    private final AcledCatalog catalog;
    private final int pageSize;

    public AcledTable(org.geoetl.database.OutputDatabase output, TransactionTemplate tx, AcledClient acled, CuratedDatasetRepository registry,
                      AcledCatalog catalog, CuratedProperties properties) {
        this.jdbc = output.jdbc();
        this.tx = tx;
        this.outputTx = output.tx();
        this.acled = acled;
        this.registry = registry;
        this.catalog = catalog;
        this.pageSize = properties.acled().pageSize();
    }

    /** Type, columns and order of a table of events (target and staging alike). */
    static String columns() {
        StringBuilder b = new StringBuilder("event_id_cnty text PRIMARY KEY, event_date date, ");
        TEXT.forEach(c -> b.append(quote(c)).append(" text, "));
        return b.append("latitude double precision NOT NULL, longitude double precision NOT NULL, fatalities integer,"
                + " \"timestamp\" bigint NOT NULL, geom geometry(Point, 4326) NOT NULL").toString();
    }

    /** Pages the API (incrementally after the last run's newest timestamp) into fresh staging tables. */
    Map<String, Object> fetch(String jobId, CuratedStages.Checked c) {
        String schema = quote(c.targetSchema());
        String events = schema + "." + quote(VectorTables.staging(jobId, "acled"));
        String deletions = schema + "." + quote(VectorTables.staging(jobId, "acled_del"));
        jdbc.execute("DROP TABLE IF EXISTS " + events);
        jdbc.execute("DROP TABLE IF EXISTS " + deletions);
        jdbc.execute("CREATE UNLOGGED TABLE " + events + " (" + columns().replace(" PRIMARY KEY", "") + ")");
        jdbc.execute("CREATE UNLOGGED TABLE " + deletions + " (event_id_cnty text NOT NULL, deleted_timestamp bigint NOT NULL)");
        AcledReadResult read = acled.readEvents(c.sinceTimestamp(), pageSize, page -> insertEvents(events, page));
        AcledReadResult deleted = c.sinceTimestamp() == null ? new AcledReadResult(0, 0, Map.of(), List.of())
                : acled.readDeletions(c.sinceTimestamp(), pageSize, page -> insertDeletions(deletions, page));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", true);
        result.put("reason", c.reason());
        result.put("events_fetched", read.count());
        result.put("deletions_fetched", deleted.count());
        result.put("rejected", read.rejected());
        result.put("rejections", read.rejectedByReason());
        result.put("rejection_examples", read.examples());
        result.put("chunks", List.of(Map.of("chunk", 0)));
        return result;
    }

    private void insertEvents(String table, List<AcledEvent> page) {
        List<String> names = new ArrayList<>(List.of("event_id_cnty", "event_date"));
        TEXT.forEach(names::add);
        names.addAll(List.of("latitude", "longitude", "fatalities", "timestamp"));
        String sql = "INSERT INTO " + table + " (" + String.join(", ", names.stream().map(n -> quote(n)).toList())
                + ", geom) VALUES (" + "?, ".repeat(names.size()) + "ST_SetSRID(ST_MakePoint(?, ?), 4326))";
        jdbc.batchUpdate(sql, page.stream().map(AcledTable::row).toList());
    }

    private static Object[] row(AcledEvent e) {
        return new Object[] {e.eventIdCnty(), e.eventDate() == null ? null : Date.valueOf(e.eventDate()),
                e.disorderType(), e.eventType(), e.subEventType(), e.actor1(), e.assocActor1(), e.inter1(), e.actor2(),
                e.assocActor2(), e.inter2(), e.interaction(), e.civilianTargeting(), e.region(), e.country(),
                e.admin1(), e.admin2(), e.admin3(), e.location(), e.source(), e.sourceScale(), e.notes(), e.tags(),
                e.year(), e.timePrecision(), e.iso(), e.geoPrecision(), e.latitude(), e.longitude(), e.fatalities(),
                e.timestamp(), e.longitude(), e.latitude()};
    }

    private void insertDeletions(String table, List<AcledDeletion> page) {
        jdbc.batchUpdate("INSERT INTO " + table + " (event_id_cnty, deleted_timestamp) VALUES (?, ?)",
                page.stream().map(d -> new Object[] {d.eventIdCnty(), d.deletedTimestamp()}).toList());
    }

    /**
     * The merge, once: counts inserted / updated / deleted / unchanged (and the newest timestamp).
     * With one database the merge and its logged counts commit together. With a business database
     * the merge commits there first: a crash before the log commits re-runs it, which changes no
     * row a second time (the retry's counts then read "unchanged").
     */
    Map<String, Object> merge(String jobId, CuratedStages.Checked c) {
        return tx.execute(s -> {
            var done = registry.loggedCounts(jobId);
            if (done.isPresent()) {
                return AcledMerge.read(done.get());
            }
            Map<String, Object> counts = outputTx.execute(o -> AcledMerge.apply(jdbc, c.targetSchema(), c.targetTable(),
                    jobId, c.sinceTimestamp()));
            registry.logCounts(jobId, AcledMerge.write(counts));
            return counts;
        });
    }

    /** After the merge: the catalogue entry, staging gone; the new source version is the newest timestamp. */
    Finished finish(TaskContext context, CuratedStages.Checked c) {
        Map<String, Object> counts = context.stageResults("etl").get(0);
        Number newest = (Number) counts.get("newest_timestamp");
        String version = newest == null ? c.previousVersion() : "acled:" + newest.longValue();
        Map<String, Object> result = new LinkedHashMap<>(catalog.publish(context, c));
        dropStaging(c.targetSchema(), context.jobId());
        Map<String, Object> shown = new LinkedHashMap<>(counts);
        shown.remove("newest_timestamp");
        return new Finished(result, shown, version);
    }

    void dropStaging(String schema, String jobId) {
        for (String part : List.of("acled", "acled_del")) {
            jdbc.execute("DROP TABLE IF EXISTS " + quote(schema) + "." + quote(VectorTables.staging(jobId, part)));
        }
    }

    record Finished(Map<String, Object> result, Map<String, Object> counts, String sourceVersion) {
    }
}
