package org.geoetl.raster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.InfoOptions;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconst;
import org.geoetl.gdal.GdalException;
import org.geoetl.gdal.GdalRuntime;
import org.geoetl.storage.BlobStorage;
import org.geoetl.storage.Checksums;
import org.geoetl.storage.StorageAccounts;
import org.springframework.stereotype.Component;

/**
 * Writes one COG (a whole raster or one tile of it) through gdal.Translate with the profile its
 * type and tier call for, reopens it to check it really is a COG, and stores it. Returns what the
 * catalogue needs: layout, blocks, overviews, grid, CRS, size, checksum and where it went.
 */
@Component
public class CogConverter {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CogConverter.class);

    private final StorageAccounts accounts;
    private final GdalRuntime gdalRuntime;

    public CogConverter(StorageAccounts accounts, GdalRuntime gdalRuntime) {
        this.accounts = accounts;
        this.gdalRuntime = gdalRuntime;
    }

    /** The gdal_translate arguments for the whole raster: profile, CRS assignment and reprojection. */
    public static List<String> arguments(CogProfile profile, Map<String, Object> inspection, Map<String, Object> job) {
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
        return args;
    }

    /** @param onProgress told the fraction written (0–1) as GDAL reports it */
    public Map<String, Object> convert(Path source, Path out, List<String> args, Map<String, Object> job, String blobName,
                                       CogProfile profile, java.util.function.DoubleConsumer onProgress) throws Exception {
        gdalRuntime.require();
        long t0 = System.nanoTime();
        Dataset src = gdal.OpenEx(source.toString(), gdalconst.OF_RASTER | gdalconst.OF_READONLY,
                new Vector<>(List.of("GTiff")), null);
        if (src == null) {
            throw new GdalException("cannot reopen the source " + source.getFileName() + ": " + gdal.GetLastErrorMsg());
        }
        Files.createDirectories(out.getParent());
        Files.deleteIfExists(out);
        Dataset written;
        try {
            written = gdal.Translate(out.toString(), src, new TranslateOptions(new Vector<>(args)),
                    new org.gdal.gdal.ProgressCallback() {
                        @Override
                        public int run(double complete, String message) {
                            onProgress.accept(complete);
                            return 1;
                        }
                    });
        } catch (RuntimeException e) {
            // a read error (a damaged source) will not heal on retry
            throw failed(e.getMessage(), source, job);
        } finally {
            src.delete();
        }
        if (written == null) {
            throw failed(gdal.GetLastErrorMsg(), source, job);
        }
        written.delete();
        long t1 = System.nanoTime();
        Map<String, Object> cog = check(out);
        long t2 = System.nanoTime();
        String container = accounts.allowedContainer((String) job.get("output_container"));
        BlobStorage storage = accounts.get((String) job.get("account"));
        storage.ensureContainer(container);
        long size = Files.size(out);
        String checksum = Checksums.sha256Multihash(out);
        long t3 = System.nanoTime();
        storage.putFile(container, blobName, out, "image/tiff; application=geotiff; profile=cloud-optimized");
        Files.deleteIfExists(out);
        log.info("{}: COG written in {} ms, checked in {} ms, checksummed in {} ms, stored in {} ms", blobName,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
        cog.put("container", container);
        cog.put("blob", blobName);
        cog.put("href", storage.href(container, blobName));
        cog.put("tier", profile.tier());
        cog.put("compression", profile.compression());
        cog.put("resampling", profile.resampling());
        cog.put("size_bytes", size);
        cog.put("checksum", checksum);
        return cog;
    }

    /** Deletes a stored COG that will not be catalogued (its job ended while it was written). */
    public void discard(Map<String, Object> job, Map<String, Object> cog) {
        accounts.get((String) job.get("account")).delete((String) cog.get("container"), (String) cog.get("blob"));
    }

    /** GDAL names the file by its scratch path; the user knows it by its blob name. */
    private static GdalException failed(String gdalMessage, Path source, Map<String, Object> job) {
        return new GdalException("COG creation failed: " + String.valueOf(gdalMessage)
                .replace(source.toString(), (String) job.get("blob_name")));
    }

    /** Reopens the output and checks it is a tiled COG with overviews (when large enough to need them). */
    static Map<String, Object> check(Path file) throws Exception {
        Dataset ds = gdal.OpenEx(file.toString(), gdalconst.OF_RASTER | gdalconst.OF_READONLY,
                new Vector<>(List.of("GTiff")), null);
        if (ds == null) {
            throw new GdalException("the COG written cannot be reopened: " + gdal.GetLastErrorMsg());
        }
        try {
            JsonNode json = MAPPER.readTree(gdal.GDALInfo(ds, new InfoOptions(new Vector<>(List.of("-json")))));
            String layout = json.path("metadata").path("IMAGE_STRUCTURE").path("LAYOUT").asText("");
            JsonNode band = json.path("bands").get(0);
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
            out.put("transform", Arrays.stream(ds.GetGeoTransform()).boxed().toList());
            out.put("crs", RasterInspector.crs(ds.GetProjectionRef()));
            return out;
        } finally {
            ds.delete();
        }
    }
}
