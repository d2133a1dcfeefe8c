package org.geoetl.raster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.InfoOptions;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.geoetl.catalog.metadata.BaseMetadata;
import org.geoetl.catalog.metadata.RasterMetadata;
import org.geoetl.catalog.metadata.StacPublisher;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.gdal.GdalException;
import org.geoetl.gdal.GdalRuntime;
import org.geoetl.storage.BlobStorage;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.storage.JobFiles;
import org.springframework.stereotype.Component;

/**
 * process_raster for one file, in three checkpointed phases — validate (header, CRS, pixel budget,
 * type inference), create the COG with the profile its type and tier call for and check it really
 * is a COG, publish its metadata and STAC item. A resumed task skips the phases already done.
 */
@Component
public class RasterProcessHandler implements TaskHandler {

    private final JobFiles files;
    private final GdalRuntime gdalRuntime;
    private final StorageAccounts accounts;
    private final StacPublisher publisher;
    private final GeoEtlProperties properties;

    public RasterProcessHandler(JobFiles files, GdalRuntime gdalRuntime, StorageAccounts accounts,
                                StacPublisher publisher, GeoEtlProperties properties) {
        this.files = files;
        this.gdalRuntime = gdalRuntime;
        this.accounts = accounts;
        this.publisher = publisher;
        this.properties = properties;
    }

    @Override
    public String taskType() {
        return "raster_process";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.HEAVY;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handle(TaskContext context) throws Exception {
        Map<String, Object> job = context.jobParameters();
        String blob = (String) job.get("blob_name");
        if (context.checkpointPhase() < 1) {
            Path file = files.input(context.jobId(), job);
            Map<String, Object> inspection = RasterInspector.inspect(gdalRuntime, file, blob,
                    properties.raster().maxPixels(), (String) job.get("input_crs"), (String) job.get("raster_type"));
            context.checkpoint(1, Map.of("inspection", inspection));
            context.progress(25, "validated");
            context.stopIfRequested();
        }
        Map<String, Object> inspection = (Map<String, Object>) context.checkpointData().get("inspection");
        if (context.checkpointPhase() < 2) {
            context.checkpoint(2, Map.of("cog", createCog(context, job, inspection)));
            context.progress(80, "COG written and checked");
            context.stopIfRequested();
        }
        Map<String, Object> cog = (Map<String, Object>) context.checkpointData().get("cog");
        String itemId = publish(context, job, inspection, cog);
        files.cleanup(context.jobId());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("raster_type", inspection.get("raster_type"));
        result.put("confidence", inspection.get("confidence"));
        result.put("evidence", inspection.get("evidence"));
        result.put("warnings", inspection.get("warnings"));
        result.put("cog", cog);
        result.put("stac_item", itemId);
        return result;
    }

    private Map<String, Object> createCog(TaskContext context, Map<String, Object> job, Map<String, Object> inspection)
            throws Exception {
        Path source = files.input(context.jobId(), job);
        Path out = files.jobDir(context.jobId()).resolve("cog.tif");
        CogProfile profile = CogProfile.choose((String) inspection.get("raster_type"), (String) job.get("output_tier"),
                (String) inspection.get("dtype"), ((Number) job.get("jpeg_quality")).intValue(),
                ((Number) inspection.get("bands")).intValue());
        List<String> args = new ArrayList<>(List.of("-of", "COG"));
        for (String co : profile.creationOptions()) {
            args.add("-co");
            args.add(co);
        }
        if (job.get("target_crs") != null && !job.get("target_crs").equals(inspection.get("crs"))) {
            args.add("-co");
            args.add("TARGET_SRS=" + job.get("target_crs"));
        }
        if ("input_crs".equals(inspection.get("crs_from"))) {
            args.add("-a_srs");
            args.add((String) inspection.get("crs"));
        }
        Dataset src = gdal.OpenEx(source.toString(), gdalconst(), new Vector<>(List.of("GTiff")), null);
        Files.deleteIfExists(out);
        Dataset written = gdal.Translate(out.toString(), src, new TranslateOptions(new Vector<>(args)));
        src.delete();
        if (written == null) {
            throw new GdalException("COG creation failed: " + gdal.GetLastErrorMsg());
        }
        written.delete();
        Map<String, Object> check = checkCog(out);
        String container = (String) job.get("output_container");
        String name = "cogs/" + job.get("collection_id") + "/" + itemId(job) + ".tif";
        BlobStorage storage = accounts.get((String) job.get("account"));
        accounts.allowedContainer(container);
        storage.ensureContainer(container);
        long size = Files.size(out);
        String checksum = "1220" + sha256(out);
        storage.putFile(container, name, out, "image/tiff; application=geotiff; profile=cloud-optimized");
        Map<String, Object> cog = new LinkedHashMap<>(check);
        cog.put("container", container);
        cog.put("blob", name);
        cog.put("href", storage.href(container, name));
        cog.put("tier", profile.tier());
        cog.put("compression", profile.compression());
        cog.put("resampling", profile.resampling());
        cog.put("size_bytes", size);
        cog.put("checksum", checksum);
        return cog;
    }

    /** Reopens the output and checks it is a tiled COG with overviews (when large enough to need them). */
    private static Map<String, Object> checkCog(Path file) throws Exception {
        Dataset ds = gdal.OpenEx(file.toString(), gdalconst(), new Vector<>(List.of("GTiff")), null);
        try {
            String info = gdal.GDALInfo(ds, new InfoOptions(new Vector<>(List.of("-json"))));
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(info);
            String layout = json.path("metadata").path("IMAGE_STRUCTURE").path("LAYOUT").asText("");
            var band = json.path("bands").get(0);
            int overviews = band.path("overviews").size();
            int block = band.path("block").get(0).asInt();
            boolean needsOverviews = ds.getRasterXSize() > 512 || ds.getRasterYSize() > 512;
            if (!"COG".equals(layout) || block != 512 && ds.getRasterXSize() > 512 || needsOverviews && overviews == 0) {
                throw new GdalException("output is not a valid COG (layout " + layout + ", block " + block + ", "
                        + overviews + " overviews)");
            }
            List<Integer> levels = new ArrayList<>();
            for (int i = 0; i < overviews; i++) {
                levels.add(ds.getRasterXSize() / band.path("overviews").get(i).path("size").get(0).asInt());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("layout", layout);
            out.put("blocksize", block);
            out.put("overview_levels", levels);
            out.put("width", ds.getRasterXSize());
            out.put("height", ds.getRasterYSize());
            // as a list: checkpoint data is JSON, and a resumed task reads it back as one
            out.put("transform", java.util.Arrays.stream(ds.GetGeoTransform()).boxed().toList());
            out.put("crs", RasterInspector.crs(ds.GetProjectionRef()));
            return out;
        } finally {
            ds.delete();
        }
    }

    @SuppressWarnings("unchecked")
    private String publish(TaskContext context, Map<String, Object> job, Map<String, Object> inspection, Map<String, Object> cog)
            throws Exception {
        String itemId = itemId(job);
        double[] gt = toArray((List<Number>) cog.get("transform"));
        int w = ((Number) cog.get("width")).intValue();
        int h = ((Number) cog.get("height")).intValue();
        double[] projected = {gt[0], gt[3] + h * gt[5], gt[0] + w * gt[1], gt[3]};
        String crs = (String) cog.get("crs");
        double[] wgs84 = toWgs84(projected, crs);
        Integer epsg = crs != null && crs.startsWith("EPSG:") ? Integer.valueOf(crs.substring(5)) : null;
        BaseMetadata base = new BaseMetadata((String) cog.get("container") + "/" + cog.get("blob"), (String) job.get("title"),
                (String) job.get("description"), List.of(), (String) job.get("license"), null, wgs84, OffsetDateTime.now(),
                null, (String) job.get("blob_name"), "GTiff", (String) inspection.get("crs"), context.jobId(),
                context.jobType(), (String) job.get("collection_id"), itemId);
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
                (String) cog.get("checksum"), bands));
        return itemId;
    }

    private static double[] toWgs84(double[] b, String crs) {
        if (crs == null || "EPSG:4326".equals(crs)) {
            return b;
        }
        var ct = org.geoetl.gdal.OgrSource.toWgs84(crs);
        if (ct == null) {
            return b;
        }
        double[] ll = ct.TransformPoint(b[0], b[1]);
        double[] ur = ct.TransformPoint(b[2], b[3]);
        double[] lr = ct.TransformPoint(b[2], b[1]);
        double[] ul = ct.TransformPoint(b[0], b[3]);
        ct.delete();
        return new double[] {Math.min(ll[0], ul[0]), Math.min(ll[1], lr[1]), Math.max(ur[0], lr[0]), Math.max(ur[1], ul[1])};
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

    static String itemId(Map<String, Object> job) {
        Object id = job.get("item_id");
        if (id != null) {
            return (String) id;
        }
        String blob = (String) job.get("blob_name");
        String stem = blob.substring(blob.lastIndexOf('/') + 1).replaceFirst("\\.[^.]*$", "");
        return stem.toLowerCase().replaceAll("[^a-z0-9_-]", "-");
    }

    private static double[] toArray(List<Number> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).doubleValue();
        }
        return out;
    }

    private static int gdalconst() {
        return org.gdal.gdalconst.gdalconst.OF_RASTER | org.gdal.gdalconst.gdalconst.OF_READONLY;
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                d.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
