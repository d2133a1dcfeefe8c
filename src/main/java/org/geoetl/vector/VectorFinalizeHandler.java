package org.geoetl.vector;

import static org.geoetl.vector.ColumnNames.quote;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.geoetl.catalog.metadata.BaseMetadata;
import org.geoetl.catalog.metadata.StacPublisher;
import org.geoetl.catalog.metadata.VectorMetadata;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.gdal.GdalRuntime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * process_vector stage 3: check that every feature read is accounted for, index the staging
 * tables, swap them into place in one transaction (readers see the old table or the whole new
 * one), record the metadata and publish the STAC item (unpublished until approved).
 */
@Component
public class VectorFinalizeHandler implements TaskHandler {

    private final VectorTables tables;
    private final org.geoetl.storage.JobFiles files;
    private final StacPublisher publisher;
    private final GdalRuntime gdal;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final java.time.Clock clock;
    private final org.geoetl.engine.store.JobRepository jobs;
    private final TableOwners owners;

    public VectorFinalizeHandler(VectorTables tables, org.geoetl.storage.JobFiles files, StacPublisher publisher, GdalRuntime gdal,
                                 JdbcTemplate jdbc, TransactionTemplate tx, java.time.Clock clock,
                                 org.geoetl.engine.store.JobRepository jobs, TableOwners owners) {
        this.clock = clock;
        this.jobs = jobs;
        this.owners = owners;
        this.tables = tables;
        this.files = files;
        this.publisher = publisher;
        this.gdal = gdal;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public String taskType() {
        return "vector_finalize";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.HEAVY;
    }

    @Override
    public String description() {
        return "process_vector stage 3: accounting check, indexes, atomic swap into place, metadata and STAC item";
    }

    @Override
    public Class<?> paramsType() {
        return VectorStages.Job.class;
    }

    @Override
    public Map<String, Object> handle(TaskContext context) {
        VectorStages.Job job = context.params(VectorStages.Job.class);
        VectorStages.Prepared prepared = context.stageResults("prepare", VectorStages.Prepared.class).get(0);
        Totals totals = Totals.of(context.stageResults("load", VectorStages.Loaded.class));
        long expected = prepared.features();
        if (totals.read != expected) {
            throw new PermanentTaskException("read " + totals.read + " of the " + expected + " features the layer reported");
        }
        String schema = job.schema();
        String table = job.tableName();
        boolean overwrite = job.overwrite();
        Map<GeometryRepair.Family, String> targets = new LinkedHashMap<>();
        for (GeometryRepair.Family f : GeometryRepair.Family.values()) {
            String stg = VectorTables.staging(context.jobId(), VectorTables.family(f));
            if (tables.exists(schema, stg) && tables.count(schema, stg) > 0) {
                targets.put(f, stg);
            }
        }
        if (targets.isEmpty()) {
            throw new PermanentTaskException("no feature could be loaded: " + totals.rejections);
        }
        if (targets.size() > 1 && "reject".equals(job.mixedGeometry())) {
            throw new PermanentTaskException("the layer mixes geometry types " + totals.families
                    + "; load them as one table per type with mixed_geometry=split");
        }
        List<ColumnNames.Column> columns = prepared.columns();
        List<String> indexed = job.indexedAttributes();
        Map<String, String> finalNames = new LinkedHashMap<>();
        for (var e : targets.entrySet()) {
            String name = targets.size() == 1 ? table : truncate(table, 63 - 9) + "_" + VectorTables.family(e.getKey());
            finalNames.put(e.getValue(), name);
            index(schema, e.getValue(), indexed, columns);
        }
        String report = truncate(table, 63 - 11) + "_etl_report";
        swap(schema, context.jobId(), finalNames, report, overwrite, table);

        List<String> items = new ArrayList<>();
        for (String name : finalNames.values()) {
            items.add(publish(context, job, prepared, schema, name, columns, totals));
        }
        files.cleanup(context.jobId());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tables", finalNames.values().stream().map(n -> schema + "." + n).toList());
        result.put("report_table", schema + "." + report);
        result.put("features_read", totals.read);
        result.put("features_loaded", totals.read - totals.rejected);
        result.put("features_repaired", totals.repaired);
        result.put("features_rejected", totals.rejected);
        result.put("repairs", totals.repairs);
        result.put("rejections", totals.rejections);
        result.put("attribute_fixes", totals.fixes);
        result.put("source_crs", prepared.sourceCrs());
        result.put("column_mapping", columns.stream().filter(c -> !c.source().equals(c.name()))
                .collect(java.util.stream.Collectors.toMap(ColumnNames.Column::source, ColumnNames.Column::name)));
        result.put("stac_items", items);
        return result;
    }

    private void index(String schema, String staging, List<String> attributes, List<ColumnNames.Column> columns) {
        jdbc.execute("CREATE INDEX IF NOT EXISTS " + quote(staging + "_geom") + " ON " + quote(schema) + "."
                + quote(staging) + " USING gist (geom)");
        for (String a : attributes) {
            ColumnNames.Column c = columns.stream().filter(x -> x.name().equals(a) || x.source().equals(a)).findFirst()
                    .orElseThrow(() -> new PermanentTaskException("indexes.attributes names '" + a + "', not a column"));
            jdbc.execute("CREATE INDEX IF NOT EXISTS " + quote(truncate(staging + "_" + c.name(), 63)) + " ON "
                    + quote(schema) + "." + quote(staging) + " (" + quote(c.name()) + ")");
        }
        jdbc.execute("ANALYZE " + quote(schema) + "." + quote(staging));
    }

    private void swap(String schema, String jobId, Map<String, String> finalNames, String report, boolean overwrite,
                      String table) {
        owners.requireAtSwap(schema, jobId, table);
        tx.executeWithoutResult(s -> {
            if (overwrite) {
                // tables an earlier load into this name produced that this load does not (e.g. it was split)
                for (String old : VectorTables.variants(table)) {
                    if (!finalNames.containsValue(old)) {
                        jdbc.execute("DROP TABLE IF EXISTS " + quote(schema) + "." + quote(old) + " CASCADE");
                    }
                }
            }
            Map<String, String> all = new LinkedHashMap<>(finalNames);
            all.put(VectorTables.staging(jobId, "report"), report);
            for (var e : all.entrySet()) {
                if (tables.exists(schema, e.getValue())) {
                    if (!overwrite) {
                        throw new PermanentTaskException("table " + schema + "." + e.getValue()
                                + " appeared while this job ran; resubmit with overwrite=true to replace it");
                    }
                    jdbc.execute("DROP TABLE " + quote(schema) + "." + quote(e.getValue()) + " CASCADE");
                }
                jdbc.execute("ALTER TABLE " + quote(schema) + "." + quote(e.getKey()) + " RENAME TO " + quote(e.getValue()));
            }
            for (GeometryRepair.Family f : GeometryRepair.Family.values()) {
                jdbc.execute("DROP TABLE IF EXISTS " + quote(schema) + "."
                        + quote(VectorTables.staging(jobId, VectorTables.family(f))));
            }
        });
    }

    private String publish(TaskContext context, VectorStages.Job job, VectorStages.Prepared prepared, String schema,
                           String table, List<ColumnNames.Column> columns, Totals totals) {
        Map<String, Object> e = tables.extent(schema, table);
        double[] bbox = {((Number) e.get("minx")).doubleValue(), ((Number) e.get("miny")).doubleValue(),
                ((Number) e.get("maxx")).doubleValue(), ((Number) e.get("maxy")).doubleValue()};
        String itemId = "postgis-" + schema + "-" + table;
        String geometryType = jdbc.queryForObject("SELECT type FROM geometry_columns WHERE f_table_schema = ? AND"
                + " f_table_name = ? AND f_geometry_column = 'geom'", String.class, schema, table);
        BaseMetadata base = new BaseMetadata(schema + "." + table, job.title(), job.description(), job.keywordList(),
                job.license(), job.attribution(), bbox, OffsetDateTime.now(clock), null, job.blobName(),
                prepared.driver(), prepared.sourceCrs(), context.jobId(), context.jobType(), "system-vectors", itemId);
        List<VectorMetadata.Column> cols = new ArrayList<>(columns.stream()
                .map(c -> new VectorMetadata.Column(c.name(), c.pgType(), c.source())).toList());
        cols.add(new VectorMetadata.Column("geom", "geometry", null));
        publisher.publish(new VectorMetadata(base, schema, table, geometryType, tables.count(schema, table), totals.read,
                totals.rejected, 4326, cols, totals.repairs, "GeoETL / GDAL " + gdal.status().get("version") + " / JTS",
                jobs.submittedBy(context.jobId()).orElse(null)));
        return itemId;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** The load stage's counts, summed over chunks. */
    record Totals(long read, long repaired, long rejected, Map<String, Long> repairs, Map<String, Long> rejections,
                  Map<String, Long> fixes, Map<String, Long> families) {

        static Totals of(List<VectorStages.Loaded> chunks) {
            long read = 0, repaired = 0, rejected = 0;
            Map<String, Long> repairs = new TreeMap<>(), rejections = new TreeMap<>(), fixes = new TreeMap<>(),
                    families = new TreeMap<>();
            for (VectorStages.Loaded c : chunks) {
                read += c.featuresRead();
                repaired += c.featuresRepaired();
                rejected += c.featuresRejected();
                merge(repairs, c.repairs());
                merge(rejections, c.rejections());
                merge(fixes, c.attributeFixes());
                merge(families, c.loadedByFamily());
            }
            return new Totals(read, repaired, rejected, repairs, rejections, fixes, families);
        }

        private static void merge(Map<String, Long> into, Map<String, Long> from) {
            if (from != null) {
                from.forEach((k, v) -> into.merge(k, v, Long::sum));
            }
        }
    }
}
