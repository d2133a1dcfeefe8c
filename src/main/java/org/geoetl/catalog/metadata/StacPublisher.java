package org.geoetl.catalog.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.geoetl.stac.StacStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What pipelines call to publish a dataset: its typed metadata row and its STAC item (rendered by
 * {@link MetadataStac}, unpublished) are written in one transaction. The item's collection is
 * created when missing. The job's approval opens when the job completes.
 */
@Component
public class StacPublisher {

    private final MetadataRepository metadata;
    private final MetadataStac stac;
    private final StacStore store;
    private final TransactionTemplate tx;

    public StacPublisher(MetadataRepository metadata, MetadataStac stac, StacStore store, TransactionTemplate tx) {
        this.metadata = metadata;
        this.stac = stac;
        this.store = store;
        this.tx = tx;
    }

    public ObjectNode publish(VectorMetadata m) {
        ObjectNode item = stac.vectorItem(m);
        tx.executeWithoutResult(s -> {
            ensureCollection(m.base(), "PostGIS tables loaded by GeoETL");
            metadata.save(m);
            store.upsertItems(m.base().stacCollectionId(), List.of(item), m.base().jobId());
        });
        return item;
    }

    public ObjectNode publish(RasterMetadata m) {
        ObjectNode item = stac.rasterItem(m);
        tx.executeWithoutResult(s -> {
            ensureCollection(m.base(), "Cloud-Optimized GeoTIFFs produced by GeoETL");
            metadata.save(m);
            store.upsertItems(m.base().stacCollectionId(), List.of(item), m.base().jobId());
        });
        return item;
    }

    private void ensureCollection(BaseMetadata b, String description) {
        if (store.collection(b.stacCollectionId()).isPresent()) {
            return;
        }
        ObjectNode c = stac.newCollection(b.stacCollectionId(), description, b.bbox());
        store.upsertCollection(c, null);
    }
}
