package org.geoetl.curated.update;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.catalog.metadata.BaseMetadata;
import org.geoetl.catalog.metadata.StacPublisher;
import org.geoetl.catalog.metadata.VectorMetadata;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.vector.VectorTables;
import org.springframework.stereotype.Component;

/** The ACLED table's metadata and STAC item (unpublished until approved), like any loaded vector's. */
@Component
public class AcledCatalog {

    private final VectorTables tables;
    private final StacPublisher publisher;
    private final JobRepository jobs;
    private final Clock clock;

    public AcledCatalog(VectorTables tables, StacPublisher publisher, JobRepository jobs, Clock clock) {
        this.tables = tables;
        this.publisher = publisher;
        this.jobs = jobs;
        this.clock = clock;
    }

    Map<String, Object> publish(TaskContext context, CuratedStages.Checked c) {
        String schema = c.targetSchema();
        String table = c.targetTable();
        long rows = tables.count(schema, table);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tables", List.of(schema + "." + table));
        if (rows == 0) {
            return result; // nothing to describe yet: an empty first delivery
        }
        Map<String, Object> e = tables.extent(schema, table);
        double[] bbox = {((Number) e.get("minx")).doubleValue(), ((Number) e.get("miny")).doubleValue(),
                ((Number) e.get("maxx")).doubleValue(), ((Number) e.get("maxy")).doubleValue()};
        String itemId = "postgis-" + schema + "-" + table;
        BaseMetadata base = new BaseMetadata(schema + "." + table, c.title(),
                "ACLED conflict and protest events, upserted by event_id_cnty", List.of("curated", c.datasetId(), "acled"),
                "ACLED terms of use", "Armed Conflict Location & Event Data (ACLED), acleddata.com", bbox,
                OffsetDateTime.now(clock), null, "ACLED API", "JSON", "EPSG:4326", context.jobId(), context.jobType(),
                "system-vectors", itemId);
        List<VectorMetadata.Column> columns = new ArrayList<>();
        columns.add(new VectorMetadata.Column("event_id_cnty", "text", "event_id_cnty"));
        columns.add(new VectorMetadata.Column("event_date", "date", "event_date"));
        AcledTable.TEXT.forEach(n -> columns.add(new VectorMetadata.Column(n, "text", n)));
        columns.add(new VectorMetadata.Column("latitude", "double precision", "latitude"));
        columns.add(new VectorMetadata.Column("longitude", "double precision", "longitude"));
        columns.add(new VectorMetadata.Column("fatalities", "integer", "fatalities"));
        columns.add(new VectorMetadata.Column("timestamp", "bigint", "timestamp"));
        columns.add(new VectorMetadata.Column("geom", "geometry", null));
        publisher.publish(new VectorMetadata(base, schema, table, "POINT", rows, rows, 0, 4326, columns, Map.of(),
                "GeoETL curated ACLED upsert", jobs.submittedBy(context.jobId()).orElse(null)));
        result.put("stac_items", List.of(itemId));
        result.put("rows", rows);
        return result;
    }
}
