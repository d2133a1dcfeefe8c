package org.geoetl.vector;

import static org.geoetl.vector.ColumnNames.quote;

import java.util.List;
import java.util.Map;
import org.geoetl.engine.JobFailureListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A failed or cancelled process_vector job leaves no staging tables behind (its scratch files go with {@link org.geoetl.storage.JobFiles}). */
@Component
public class VectorCleanup implements JobFailureListener {

    private final JdbcTemplate jdbc;

    public VectorCleanup(org.geoetl.database.OutputDatabase output) {
        this.jdbc = output.jdbc();
    }

    @Override
    public void jobEnded(String jobId, String jobType, Map<String, Object> parameters) {
        if (!"process_vector".equals(jobType)) {
            return;
        }
        dropStaging((String) parameters.getOrDefault("schema", "geo"), jobId);
    }

    /** Drops the staging tables a job's loads into {@code schema} may have left (other pipelines reuse the loads). */
    public void dropStaging(String schema, String jobId) {
        for (String part : List.of("points", "lines", "polygons", "report")) {
            jdbc.execute("DROP TABLE IF EXISTS " + quote(schema) + "." + quote(VectorTables.staging(jobId, part)));
        }
    }
}
