package org.geoetl.vector;

import static org.geoetl.vector.ColumnNames.quote;

import java.util.List;
import java.util.Map;
import org.geoetl.engine.JobFailureListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A failed or cancelled process_vector (or process_raster) job leaves nothing behind: staging tables and scratch files go. */
@Component
public class VectorCleanup implements JobFailureListener {

    private final JdbcTemplate jdbc;
    private final VectorSource sources;

    public VectorCleanup(JdbcTemplate jdbc, VectorSource sources) {
        this.jdbc = jdbc;
        this.sources = sources;
    }

    @Override
    public void jobEnded(String jobId, String jobType, Map<String, Object> parameters) {
        if ("process_raster".equals(jobType)) {
            sources.cleanup(jobId); // a raster job only has scratch files
            return;
        }
        if (!"process_vector".equals(jobType)) {
            return;
        }
        String schema = (String) parameters.getOrDefault("schema", "geo");
        for (String part : List.of("points", "lines", "polygons", "report")) {
            jdbc.execute("DROP TABLE IF EXISTS " + quote(schema) + "." + quote(VectorTables.staging(jobId, part)));
        }
        sources.cleanup(jobId);
    }
}
