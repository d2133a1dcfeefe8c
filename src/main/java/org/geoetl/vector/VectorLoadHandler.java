package org.geoetl.vector;

import static org.geoetl.vector.ColumnNames.quote;

import java.io.StringReader;
import java.sql.Connection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.gdal.ogr.Feature;
import org.gdal.ogr.Geometry;
import org.gdal.osr.CoordinateTransformation;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.gdal.OgrSource;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * process_vector stage 2, one task per chunk: read the chunk's features, repair each one, and write
 * them with COPY — loaded features into the staging table of their geometry family, repaired and
 * rejected ones also into the report. One transaction replaces whatever an earlier attempt of the
 * same chunk wrote (rows carry their chunk number; fid is the primary key), so a re-run or a
 * duplicate delivery leaves every feature exactly once.
 */
@Component
public class VectorLoadHandler implements TaskHandler {

    private final VectorSource sources;
    private final DataSource dataSource;
    private final TransactionTemplate tx;

    public VectorLoadHandler(VectorSource sources, DataSource dataSource, TransactionTemplate tx) {
        this.sources = sources;
        this.dataSource = dataSource;
        this.tx = tx;
    }

    @Override
    public String taskType() {
        return "vector_load_chunk";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.HEAVY;
    }

    @Override
    public String description() {
        return "process_vector stage 2, one task per chunk: reads, repairs and COPYs the chunk's features";
    }

    @Override
    public Class<?> paramsType() {
        return VectorStages.Job.class;
    }

    @Override
    public Map<String, Object> handle(TaskContext context) {
        Map<String, Object> job = context.jobParameters();
        VectorStages.Prepared prepared = context.stageResults("prepare", VectorStages.Prepared.class).get(0);
        VectorStages.Chunk chunk = context.taskParams(VectorStages.ChunkTask.class).item();
        int chunkNo = chunk.chunk();
        List<ColumnNames.Column> columns = prepared.columns();
        String crs = prepared.sourceCrs();

        ChunkRows rows = new ChunkRows(chunkNo);
        VectorSource.Resolved source = sources.resolve(context.jobId(), job);
        String schema = context.params(VectorStages.Job.class).schema();
        // one transaction per chunk: what an earlier attempt wrote goes, then the rows stream in
        // through COPY every FLUSH_ROWS features, so memory stays bounded on large sequential sources
        tx.executeWithoutResult(s -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try (OgrSource layer = sources.open(source, job)) {
                deleteChunk(connection, schema, context.jobId(), chunkNo);
                CoordinateTransformation toWgs84 = OgrSource.toWgs84(crs);
                WKBReader reader = new WKBReader();
                WKBWriter writer = new WKBWriter(2, true);
                long expected = chunk.byFid() ? chunk.fidTo() - chunk.fidFrom() + 1 : chunk.count();
                long[] seen = {0};
                OgrSource.FeatureVisitor visitor = (fid, feature) -> {
                    rows.add(fid, feature, columns, convert(feature, toWgs84, reader), writer);
                    if (rows.buffered() >= FLUSH_ROWS) {
                        copy(connection, schema, context.jobId(), columns, rows);
                    }
                    if (++seen[0] % PROGRESS_EVERY == 0) {
                        context.progress((int) Math.min(99, 100 * seen[0] / Math.max(1, expected)),
                                seen[0] + " features read", seen[0], expected);
                    }
                };
                if (chunk.byFid()) {
                    layer.readFids(chunk.fidFrom(), chunk.fidTo(), visitor);
                } else {
                    layer.read(chunk.offset(), chunk.count(), visitor);
                }
                copy(connection, schema, context.jobId(), columns, rows);
                if (toWgs84 != null) {
                    toWgs84.delete();
                }
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
        return rows.summary();
    }

    /** OGR side of the repairs: null check, force 2D, close rings, reproject; then the JTS pipeline. */
    private static GeometryRepair.Outcome convert(Feature feature, CoordinateTransformation toWgs84, WKBReader reader) {
        Geometry ref = feature.GetGeometryRef();
        Set<String> repairs = new LinkedHashSet<>();
        if (ref == null) {
            return GeometryRepair.repair(null, repairs);
        }
        Geometry g = ref.Clone();
        try {
            if (g.IsEmpty()) {
                return new GeometryRepair.Outcome(null, null, repairs, "empty geometry");
            }
            if (g.GetCoordinateDimension() > 2 || g.IsMeasured() == 1) {
                g.FlattenTo2D();
                repairs.add("forced_2d");
            }
            long before = g.WkbSize();
            g.CloseRings();
            if (g.WkbSize() != before) {
                repairs.add("rings_closed");
            }
            if (toWgs84 != null && g.Transform(toWgs84) != 0) {
                return new GeometryRepair.Outcome(null, null, repairs, "cannot be reprojected to EPSG:4326");
            }
            return GeometryRepair.repair(reader.read(g.ExportToWkb()), repairs);
        } catch (org.locationtech.jts.io.ParseException | RuntimeException e) {
            return new GeometryRepair.Outcome(null, null, repairs, "unreadable geometry: " + e.getMessage());
        } finally {
            g.delete();
        }
    }

    static final int FLUSH_ROWS = 20_000;
    /** features between progress reports (the engine keeps about one a second of them) */
    private static final int PROGRESS_EVERY = 1_000;
    private static final List<String> PARTS = List.of("points", "lines", "polygons", "report");

    private static void deleteChunk(Connection connection, String schema, String jobId, int chunk) {
        for (String part : PARTS) {
            try (var st = connection.prepareStatement("DELETE FROM " + quote(schema) + "."
                    + quote(VectorTables.staging(jobId, part)) + " WHERE etl_chunk = ?")) {
                st.setInt(1, chunk);
                st.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("clearing chunk " + chunk + ": " + e.getMessage(), e);
            }
        }
    }

    private static void copy(Connection connection, String schema, String jobId, List<ColumnNames.Column> columns,
                             ChunkRows rows) {
        StringBuilder names = new StringBuilder("fid");
        for (ColumnNames.Column c : columns) {
            names.append(", ").append(quote(c.name()));
        }
        try {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String part : PARTS) {
                String data = rows.data(part);
                if (!data.isEmpty()) {
                    String cols = part.equals("report")
                            ? "fid, outcome, details, source_geometry, attributes, etl_chunk" : names + ", geom, etl_chunk";
                    copy.copyIn("COPY " + quote(schema) + "." + quote(VectorTables.staging(jobId, part)) + " (" + cols
                            + ") FROM STDIN", new StringReader(data));
                }
            }
            rows.clearData();
        } catch (Exception e) {
            throw new IllegalStateException("writing chunk " + rows.chunk() + ": " + e.getMessage(), e);
        }
    }
}
