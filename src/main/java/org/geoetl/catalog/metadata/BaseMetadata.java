package org.geoetl.catalog.metadata;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What every published dataset records (seed F7.8): identity, description, extent, lineage and
 * its place in the catalog. {@link VectorMetadata} and {@link RasterMetadata} add their own.
 */
public record BaseMetadata(
        String datasetId,
        String title,
        String description,
        List<String> keywords,
        String license,
        String attribution,
        double[] bbox,
        OffsetDateTime temporalStart,
        OffsetDateTime temporalEnd,
        String sourceFile,
        String sourceFormat,
        String sourceCrs,
        String jobId,
        String jobType,
        String stacCollectionId,
        String stacItemId) {

    public BaseMetadata {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        if (bbox == null || bbox.length != 4) {
            throw new IllegalArgumentException("bbox must be [minx, miny, maxx, maxy]");
        }
        if (stacCollectionId == null || stacItemId == null) {
            throw new IllegalArgumentException("a dataset needs its STAC collection and item id");
        }
    }
}
