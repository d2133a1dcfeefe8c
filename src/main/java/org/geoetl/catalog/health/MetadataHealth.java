package org.geoetl.catalog.health;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.storage.BlobStorage;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.web.QueryParams;
import org.springframework.stereotype.Component;

/**
 * Runs the metadata consistency checks (detection only; the repairs are rebuild_stac and the
 * unpublish jobs, each issue carries the ids they take). Read-only: safe to call any time.
 */
@Component
public class MetadataHealth {

    private final HealthQueries queries;
    private final OutputTableQueries outputs;
    private final StorageAccounts accounts;
    private final GeoEtlProperties properties;
    private final Clock clock;

    public MetadataHealth(HealthQueries queries, OutputTableQueries outputs, StorageAccounts accounts, GeoEtlProperties properties, Clock clock) {
        this.queries = queries;
        this.outputs = outputs;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    /** The API's entry: {@code limit} overrides geoetl.catalog.max-issues-per-check for this call. */
    public HealthReport report(String limit) {
        return check(QueryParams.integer("limit", limit, 1, 10_000, properties.catalog().maxIssuesPerCheck()));
    }

    int maxIssues() {
        return properties.catalog().maxIssuesPerCheck();
    }

    public HealthReport check(int limit) {
        List<String> schemas = properties.vector().schemas();
        Map<HealthCheck, List<Map<String, Object>>> found = new LinkedHashMap<>();
        found.put(HealthCheck.STAC_VECTOR_ORPHANS, queries.vectorOrphans(limit));
        found.put(HealthCheck.STAC_RASTER_ORPHANS, queries.rasterOrphans(limit));
        found.put(HealthCheck.VECTOR_BACKLINKS, queries.vectorBacklinks(limit));
        found.put(HealthCheck.RASTER_BACKLINKS, queries.rasterBacklinks(limit));
        found.put(HealthCheck.DATASET_REFS_VECTOR, queries.vectorRefs(limit));
        found.put(HealthCheck.DATASET_REFS_RASTER, queries.rasterRefs(limit));
        found.put(HealthCheck.RASTER_BLOB_EXISTS, missingBlobs(limit));
        found.put(HealthCheck.TABLES_WITHOUT_CATALOG, outputs.tablesWithoutCatalog(schemas, limit));
        found.put(HealthCheck.CATALOG_WITHOUT_TABLES, outputs.catalogWithoutTables(limit));
        found.put(HealthCheck.UNTYPED_GEOMETRY, outputs.untypedGeometry(schemas, limit));
        found.put(HealthCheck.SRID_ZERO, outputs.sridZero(schemas, limit));
        found.put(HealthCheck.MISSING_SPATIAL_INDEX, outputs.missingSpatialIndex(schemas, limit));
        List<HealthReport.CheckResult> checks = new ArrayList<>();
        found.forEach((check, issues) -> checks.add(HealthReport.CheckResult.of(check, issues, limit)));
        return HealthReport.of(clock.instant(), checks);
    }

    /** The seed's HEAD check of the most recent COGs, on the account whose href the row records. */
    private List<Map<String, Object>> missingBlobs(int limit) {
        List<Map<String, Object>> missing = new ArrayList<>();
        for (Map<String, Object> cog : queries.recentCogs(properties.catalog().blobCheckLimit())) {
            String container = (String) cog.get("container");
            String blob = (String) cog.get("blob_path");
            BlobStorage storage = accounts.forHref(container, blob, (String) cog.get("cog_url"));
            if (!storage.exists(container, blob)) {
                Map<String, Object> issue = new LinkedHashMap<>(cog);
                issue.remove("cog_url");
                issue.put("account", storage.account());
                missing.add(issue);
                if (missing.size() > limit) {
                    break;
                }
            }
        }
        return missing;
    }
}
