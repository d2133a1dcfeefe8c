package org.geoetl.catalog.repair;

import java.util.ArrayList;
import java.util.List;
import org.geoetl.catalog.health.HealthQueries;
import org.geoetl.catalog.metadata.MetadataRepository;
import org.geoetl.catalog.metadata.RasterMetadata;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.stac.StacStore;
import org.geoetl.storage.StorageAccounts;
import org.springframework.stereotype.Component;

/**
 * rebuild_stac stage 1: each source must be rebuildable from its typed metadata — a table with a
 * geometry column and its app.table_catalog row; a COG's app.cog_metadata row (one, in the given
 * collection) and its blob. An item that exists is skipped unless force_recreate. A dry run
 * reports all this and rebuilds nothing (stage 2 plans no task).
 */
@Component
public class RebuildValidateHandler implements TaskHandler {

    private final MetadataRepository metadata;
    private final HealthQueries tables;
    private final StacStore stac;
    private final StorageAccounts accounts;

    public RebuildValidateHandler(MetadataRepository metadata, HealthQueries tables, StacStore stac, StorageAccounts accounts) {
        this.metadata = metadata;
        this.tables = tables;
        this.stac = stac;
        this.accounts = accounts;
    }

    @Override
    public String taskType() {
        return "stac_rebuild_validate";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.LIGHT;
    }

    @Override
    public String description() {
        return "rebuild_stac stage 1: checks each source can be rebuilt from its typed metadata (dry run: reports only)";
    }

    @Override
    public Class<?> paramsType() {
        return RebuildStages.Job.class;
    }

    @Override
    public Class<?> resultType() {
        return RebuildStages.Validated.class;
    }

    @Override
    public RebuildStages.Validated handle(TaskContext context) {
        RebuildStages.Job job = context.params(RebuildStages.Job.class);
        List<RebuildStages.Target> valid = new ArrayList<>();
        List<RebuildStages.Target> skipped = new ArrayList<>();
        List<RebuildStages.Invalid> invalid = new ArrayList<>();
        for (String name : job.items().stream().distinct().toList()) {
            Object found = "vector".equals(job.dataType()) ? vector(job, name) : raster(job, name);
            if (found instanceof RebuildStages.Invalid bad) {
                invalid.add(bad);
            } else {
                RebuildStages.Target t = (RebuildStages.Target) found;
                boolean exists = !stac.existingItems(t.collectionId(), List.of(t.itemId())).isEmpty();
                (exists && !job.forceRecreate() ? skipped : valid).add(t);
            }
        }
        return new RebuildStages.Validated(job.dryRun(), valid, job.dryRun() ? List.of() : valid, skipped, invalid);
    }

    private Object vector(RebuildStages.Job job, String table) {
        if (!tables.hasGeometry(job.schema(), table)) {
            return new RebuildStages.Invalid(table, "no table " + job.schema() + "." + table + " with a geometry column");
        }
        return metadata.findVector(job.schema(), table).<Object>map(m -> new RebuildStages.Target("vector", table,
                        job.schema(), m.base().stacCollectionId(), m.base().stacItemId()))
                .orElse(new RebuildStages.Invalid(table, "table " + job.schema() + "." + table
                        + " has no app.table_catalog row to rebuild from; load it with process_vector"));
    }

    private Object raster(RebuildStages.Job job, String cogId) {
        List<RasterMetadata> rows = metadata.findRaster(job.collectionId(), cogId);
        if (rows.isEmpty()) {
            return new RebuildStages.Invalid(cogId, "no app.cog_metadata row for COG " + cogId
                    + (job.collectionId() == null ? "" : " in collection " + job.collectionId()));
        }
        if (rows.size() > 1) {
            return new RebuildStages.Invalid(cogId, "COG " + cogId + " exists in collections "
                    + rows.stream().map(r -> r.base().stacCollectionId()).toList() + "; pass collection_id");
        }
        RasterMetadata m = rows.get(0);
        if (!accounts.forHref(m.container(), m.blobPath(), m.href()).exists(m.container(), m.blobPath())) {
            return new RebuildStages.Invalid(cogId, "the COG's blob " + m.container() + "/" + m.blobPath()
                    + " no longer exists; unpublish_raster removes what is left of it");
        }
        return new RebuildStages.Target("raster", cogId, null, m.base().stacCollectionId(), m.base().stacItemId());
    }
}
