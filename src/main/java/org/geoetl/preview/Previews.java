package org.geoetl.preview;

import java.util.List;
import java.util.Map;
import org.geoetl.api.ApiException;
import org.geoetl.catalog.metadata.CatalogedTable;
import org.geoetl.catalog.metadata.JobOutput;
import org.geoetl.catalog.metadata.MetadataRepository;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.web.QueryParams;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The map preview's read side: what a job produced, a catalogued table's first features as
 * GeoJSON, and the offline basemap. Only tables the catalogue knows are read.
 */
@Component("previews")
public class Previews {

    /** Features per preview unless asked otherwise, and the most one request may ask for. */
    static final int DEFAULT_FEATURES = 1000;
    static final int MAX_FEATURES = 5000;

    private final MetadataRepository catalog;
    private final JobRepository jobs;
    private final FeaturePreviewRepository features;
    private final Basemap basemap;

    Previews(MetadataRepository catalog, JobRepository jobs, FeaturePreviewRepository features, Basemap basemap) {
        this.catalog = catalog;
        this.jobs = jobs;
        this.features = features;
        this.basemap = basemap;
    }

    public Map<String, Object> outputs(String jobId) {
        if (jobs.find(jobId).isEmpty()) {
            throw ApiException.notFound("job " + jobId);
        }
        List<JobOutput> outputs = catalog.outputsOf(jobId);
        return Map.of("job_id", jobId, "outputs", outputs);
    }

    /** A FeatureCollection (GeoJSON text) with the table's first {@code limit} features. */
    public String table(String schema, String table, String limit) {
        int n = QueryParams.integer("limit", limit, 1, MAX_FEATURES, DEFAULT_FEATURES);
        String name = QueryParams.text("schema", schema, 63) + "." + QueryParams.text("table", table, 63);
        CatalogedTable t = catalog.catalogedTable(schema, table)
                .orElseThrow(() -> new ApiException(404, "table " + name + " is not in the catalogue"));
        if (t.srid() != 4326) {
            throw new ApiException(409, "table " + name + " is in EPSG:" + t.srid() + "; the preview draws EPSG:4326 tables");
        }
        try {
            return features.featureCollection(t, n);
        } catch (DataAccessException e) {
            // the catalogue lists it, the database does not have it (dropped by hand): say so, not the SQL
            throw new ApiException(404, "table " + name + " is catalogued but cannot be read");
        }
    }

    public String basemap() {
        return basemap.countries();
    }
}
