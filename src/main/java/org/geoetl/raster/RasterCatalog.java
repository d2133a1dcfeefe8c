package org.geoetl.raster;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geoetl.catalog.metadata.BaseMetadata;
import org.geoetl.catalog.metadata.RasterMetadata;
import org.geoetl.catalog.metadata.StacPublisher;
import org.geoetl.gdal.OgrSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records one COG written by process_raster — a whole raster or one tile — as its app.cog_metadata
 * row and unpublished STAC item, with the lineage the next run's re-run decision reads.
 */
@Component
public class RasterCatalog {

    private final StacPublisher publisher;
    private final RasterOutputs outputs;
    private final TransactionTemplate tx;
    private final java.time.Clock clock;

    public RasterCatalog(StacPublisher publisher, RasterOutputs outputs, TransactionTemplate tx, java.time.Clock clock) {
        this.clock = clock;
        this.publisher = publisher;
        this.outputs = outputs;
        this.tx = tx;
    }

    /** What the catalogue entry is: where it goes and what it was made from. */
    public record Entry(String jobId, String jobType, String collection, String itemId, String sourceChecksum,
                        Map<String, Object> processing, String tileSet) {
    }

    /**
     * Publishes unless the job has already ended (a sibling tile failed it while this one ran): then
     * nothing is written and false is returned, since the failure clean-up has already run.
     */
    public boolean publish(Entry entry, Map<String, Object> job, Map<String, Object> inspection, Map<String, Object> cog) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            if (!outputs.lockRunningJob(entry.jobId())) {
                return false;
            }
            write(entry, job, inspection, cog);
            return true;
        }));
    }

    @SuppressWarnings("unchecked")
    private void write(Entry entry, Map<String, Object> job, Map<String, Object> inspection, Map<String, Object> cog) {
        double[] gt = toArray((List<Number>) cog.get("transform"));
        int w = ((Number) cog.get("width")).intValue();
        int h = ((Number) cog.get("height")).intValue();
        double[] projected = {gt[0], gt[3] + h * gt[5], gt[0] + w * gt[1], gt[3]};
        String crs = (String) cog.get("crs");
        Integer epsg = crs != null && crs.startsWith("EPSG:") ? Integer.valueOf(crs.substring(5)) : null;
        // a re-run that leaves a description out keeps the one the catalogue has
        Map<String, String> kept = outputs.descriptive(entry.collection(), entry.itemId());
        BaseMetadata base = new BaseMetadata(cog.get("container") + "/" + cog.get("blob"), given(job, kept, "title"),
                given(job, kept, "description"), List.of(), given(job, kept, "license"), null, toWgs84(projected, crs),
                OffsetDateTime.now(clock), null, (String) job.get("blob_name"), "GTiff", (String) inspection.get("crs"),
                entry.jobId(), entry.jobType(), entry.collection(), entry.itemId());
        List<RasterMetadata.Band> bands = new ArrayList<>();
        for (int b = 1; b <= ((Number) inspection.get("bands")).intValue(); b++) {
            bands.add(new RasterMetadata.Band("b" + b, null, null, null, null, null));
        }
        Number nodata = (Number) inspection.get("nodata");
        publisher.publish(new RasterMetadata(base, (String) cog.get("container"), (String) cog.get("blob"),
                (String) cog.get("href"), w, h, dtypeName((String) inspection.get("dtype")),
                nodata == null ? null : nodata.doubleValue(), epsg, gt, projected, (String) cog.get("compression"),
                ((Number) cog.get("blocksize")).intValue(), (List<Integer>) cog.get("overview_levels"),
                (String) inspection.get("raster_type"), ((Number) cog.get("size_bytes")).longValue(),
                (String) cog.get("checksum"), bands,
                new RasterMetadata.Lineage(entry.sourceChecksum(), entry.processing(), entry.tileSet())));
    }

    private static String given(Map<String, Object> job, Map<String, String> kept, String key) {
        Object value = job.get(key);
        return value != null ? (String) value : kept.get(key);
    }

    /** A projected bounding box as EPSG:4326, from its four corners. */
    static double[] toWgs84(double[] b, String crs) {
        if (crs == null || "EPSG:4326".equals(crs)) {
            return b;
        }
        var ct = OgrSource.toWgs84(crs);
        if (ct == null) {
            return b;
        }
        try {
            double[] ll = ct.TransformPoint(b[0], b[1]);
            double[] ur = ct.TransformPoint(b[2], b[3]);
            double[] lr = ct.TransformPoint(b[2], b[1]);
            double[] ul = ct.TransformPoint(b[0], b[3]);
            return new double[] {Math.min(ll[0], ul[0]), Math.min(ll[1], lr[1]), Math.max(ur[0], lr[0]),
                    Math.max(ur[1], ul[1])};
        } finally {
            ct.delete();
        }
    }

    /** STAC raster extension data types. */
    static String dtypeName(String gdalType) {
        return switch (gdalType) {
            case "Byte" -> "uint8";
            case "UInt16" -> "uint16";
            case "Int16" -> "int16";
            case "UInt32" -> "uint32";
            case "Int32" -> "int32";
            case "Float32" -> "float32";
            case "Float64" -> "float64";
            default -> "other";
        };
    }

    static double[] toArray(List<Number> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).doubleValue();
        }
        return out;
    }
}
