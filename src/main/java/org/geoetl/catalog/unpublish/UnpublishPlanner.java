package org.geoetl.catalog.unpublish;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.geoetl.catalog.DatasetRefs;
import org.geoetl.catalog.metadata.BaseMetadata;
import org.geoetl.catalog.metadata.MetadataRepository;
import org.geoetl.catalog.metadata.RasterMetadata;
import org.geoetl.catalog.metadata.VectorMetadata;
import org.geoetl.error.GeoEtlException;
import org.geoetl.stac.StacStore;
import org.geoetl.storage.BlobStorage;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.vector.VectorTables;
import org.springframework.stereotype.Component;

/**
 * What an unpublish would remove, found the same way at submit (to refuse early: nothing there,
 * or approved without force_approved) and in stage 1 (which acts on what is there then).
 */
@Component
public class UnpublishPlanner {

    static final String VECTORS = "system-vectors";

    private final MetadataRepository metadata;
    private final VectorTables tables;
    private final StacStore stac;
    private final DatasetRefs refs;
    private final StorageAccounts accounts;
    private final UnpublishApprovals approvals;

    public UnpublishPlanner(MetadataRepository metadata, VectorTables tables, StacStore stac, DatasetRefs refs,
                            StorageAccounts accounts, UnpublishApprovals approvals) {
        this.metadata = metadata;
        this.tables = tables;
        this.stac = stac;
        this.refs = refs;
        this.accounts = accounts;
        this.approvals = approvals;
    }

    UnpublishStages.Plan vector(UnpublishStages.VectorJob job) {
        String schema = job.schema();
        String table = job.tableName();
        VectorMetadata m = metadata.findVector(schema, table).orElse(null);
        String collection = m == null ? VECTORS : m.base().stacCollectionId();
        String item = m == null ? "postgis-" + schema + "-" + table : m.base().stacItemId();
        List<String> found = new ArrayList<>();
        for (String t : List.of(table, table + "_etl_report")) {
            if (tables.exists(schema, t)) {
                found.add(t);
            }
        }
        List<String> items = stac.existingItems(collection, List.of(item));
        Set<String> jobs = new LinkedHashSet<>();
        items.forEach(i -> stac.itemJob(collection, i).ifPresent(jobs::add));
        if (m != null && m.base().jobId() != null) {
            jobs.add(m.base().jobId());
        }
        UnpublishStages.Plan plan = new UnpublishStages.Plan("vector", schema, found, collection, items,
                m == null ? List.of() : List.of(table), List.of(), List.of(), refs.existing("vector", List.of(schema + "." + table)),
                approvals.of(jobs));
        if (found.isEmpty() && items.isEmpty() && m == null) {
            throw new GeoEtlException(404, "nothing to unpublish: no table, catalog row or STAC item for " + schema + "." + table);
        }
        UnpublishApprovals.requireAllowed("table " + schema + "." + table, plan.approvals(), job.forceApproved());
        return plan;
    }

    UnpublishStages.Plan raster(UnpublishStages.RasterJob job) {
        String collection = job.collectionId();
        String name = job.itemId();
        List<RasterMetadata> rows = metadata.collectionRasters(collection, null).stream()
                .filter(r -> r.base().stacItemId().equals(name) || name.equals(r.lineage().tileSet())).toList();
        Set<String> ids = new LinkedHashSet<>(List.of(name));
        rows.forEach(r -> ids.add(r.base().stacItemId()));
        List<String> items = stac.existingItems(collection, List.copyOf(ids));
        List<UnpublishStages.BlobRef> blobs = new ArrayList<>();
        Set<String> datasets = new LinkedHashSet<>();
        Set<String> jobs = new LinkedHashSet<>();
        for (RasterMetadata r : rows) {
            BlobStorage storage = accounts.forHref(r.container(), r.blobPath(), r.href());
            blobs.add(new UnpublishStages.BlobRef(storage.account(), r.container(), r.blobPath(),
                    storage.exists(r.container(), r.blobPath())));
            BaseMetadata b = r.base();
            datasets.add(b.datasetId());
            datasets.add(b.stacItemId());
            if (b.jobId() != null) {
                jobs.add(b.jobId());
            }
        }
        List<String> mosaics = new ArrayList<>();
        String mosaic = mosaic(rows, name, collection, blobs);
        if (mosaic != null) {
            mosaics.add(mosaic);
        }
        mosaics.addAll(collectionMosaics(collection, name, rows, blobs));
        items.forEach(i -> stac.itemJob(collection, i).ifPresent(jobs::add));
        if (rows.isEmpty() && items.isEmpty()) {
            throw new GeoEtlException(404, "nothing to unpublish: no COG row or STAC item " + name + " in collection " + collection);
        }
        UnpublishStages.Plan plan = new UnpublishStages.Plan("raster", null, List.of(), collection, items,
                rows.stream().map(r -> r.base().stacItemId()).toList(), blobs, mosaics,
                refs.existing("raster", List.copyOf(datasets)), approvals.of(jobs));
        UnpublishApprovals.requireAllowed("raster " + name + " of collection " + collection, plan.approvals(),
                job.forceApproved());
        return plan;
    }

    /**
     * A Platform collection's mosaics (platform/CollectionMosaic) that cover this item: assets with
     * roles "mosaic" listing it in {@code app:items}, their VRT at {@code cogs/<collection>/<key>.vrt}.
     * A mosaic missing one of its rasters is broken, so it goes with the first of them.
     */
    private List<String> collectionMosaics(String collection, String name, List<RasterMetadata> rows,
                                           List<UnpublishStages.BlobRef> blobs) {
        List<String> keys = new ArrayList<>();
        com.fasterxml.jackson.databind.JsonNode c = stac.collection(collection).orElse(null);
        if (c == null || rows.isEmpty()) {
            return keys;
        }
        c.path("assets").fields().forEachRemaining(e -> {
            for (com.fasterxml.jackson.databind.JsonNode i : e.getValue().path("app:items")) {
                if (i.asText().equals(name)) {
                    keys.add(e.getKey());
                }
            }
        });
        RasterMetadata any = rows.get(0);
        UnpublishStages.BlobRef first = blobs.get(0);
        for (String key : keys) {
            String blob = "cogs/" + collection + "/" + key + ".vrt";
            blobs.add(new UnpublishStages.BlobRef(first.account(), any.container(), blob,
                    accounts.get(first.account()).exists(any.container(), blob)));
        }
        return keys;
    }

    /** A tile set's mosaic VRT (beside its tiles) joins the blobs; its collection asset is named. */
    private String mosaic(List<RasterMetadata> rows, String name, String collection, List<UnpublishStages.BlobRef> blobs) {
        RasterMetadata tile = rows.stream().filter(r -> name.equals(r.lineage().tileSet())).findFirst().orElse(null);
        if (tile == null) {
            return null;
        }
        String blob = "cogs/" + collection + "/" + name + "/mosaic.vrt";
        UnpublishStages.BlobRef first = blobs.get(rows.indexOf(tile));
        blobs.add(new UnpublishStages.BlobRef(first.account(), tile.container(), blob,
                accounts.get(first.account()).exists(tile.container(), blob)));
        return name + "_mosaic";
    }
}
