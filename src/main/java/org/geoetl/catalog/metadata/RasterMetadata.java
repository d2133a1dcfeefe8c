package org.geoetl.catalog.metadata;

import java.util.List;

/** A Cloud-Optimized GeoTIFF GeoETL produced (seed F7.9 RasterMetadata; a row in app.cog_metadata). */
public record RasterMetadata(
        BaseMetadata base,
        String container,
        String blobPath,
        String href,
        int width,
        int height,
        String dtype,
        Double nodata,
        Integer epsg,
        double[] transform,
        double[] projectedBbox,
        String compression,
        int blocksize,
        List<Integer> overviewLevels,
        String rasterType,
        long sizeBytes,
        String checksum,
        List<Band> bands,
        Lineage lineage) {

    /**
     * What the COG was made from and how (for the re-run decision), and the tile set it belongs to
     * when it is one tile of a large raster (null for a whole raster).
     */
    public record Lineage(String sourceChecksum, java.util.Map<String, Object> processing, String tileSet) {
        public static final Lineage NONE = new Lineage(null, null, null);
    }

    /** One band: its name, unit, and the statistics read from the COG when available. */
    public record Band(String name, String unit, Double minimum, Double maximum, Double mean, Double stddev) {
    }

    public RasterMetadata {
        overviewLevels = List.copyOf(overviewLevels);
        bands = List.copyOf(bands);
        lineage = lineage == null ? Lineage.NONE : lineage;
    }

    public double resolution() {
        return Math.abs(transform[1]);
    }
}
