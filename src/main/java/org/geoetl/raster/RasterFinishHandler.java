package org.geoetl.raster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gdal.osr.SpatialReference;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.stac.StacStore;
import org.geoetl.storage.BlobStorage;
import org.geoetl.storage.JobFiles;
import org.geoetl.storage.StorageAccounts;
import org.springframework.stereotype.Component;

/**
 * The last stage of process_raster: carries out the re-run decision. A converted whole raster is
 * reported; a tile set gets its mosaic (a VRT beside the tiles) and a collection asset pointing at
 * it; a metadata-only run patches the catalogue; a full re-run removes what the old output had and
 * the new one does not (another layout, fewer tiles). Then the job's scratch space goes.
 */
@Component
public class RasterFinishHandler implements TaskHandler {

    private final JobFiles files;
    private final RasterOutputs outputs;
    private final StorageAccounts accounts;
    private final StacStore stac;
    private final ObjectMapper mapper;

    public RasterFinishHandler(JobFiles files, RasterOutputs outputs, StorageAccounts accounts, StacStore stac,
                               ObjectMapper mapper) {
        this.files = files;
        this.outputs = outputs;
        this.accounts = accounts;
        this.stac = stac;
        this.mapper = mapper;
    }

    @Override
    public String taskType() {
        return "raster_finish";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.LIGHT;
    }

    @Override
    public String description() {
        return "process_raster last stage: mosaic or report, catalogue updates, scratch clean-up";
    }

    @Override
    public Map<String, Object> handle(TaskContext context) throws Exception {
        Map<String, Object> job = context.jobParameters();
        Map<String, Object> validation = context.stageResults("validate").get(0);
        String collection = (String) job.get("collection_id");
        String name = (String) validation.get("item_id");
        Map<String, Object> result = new LinkedHashMap<>();
        for (String key : List.of("item_id", "raster_type", "confidence", "evidence", "warnings", "strategy",
                "strategy_reason", "memory_estimate_mb", "decision", "decision_reason", "source_checksum")) {
            result.put(key, validation.get(key));
        }
        String decision = (String) validation.get("decision");
        if ("metadata_only".equals(decision)) {
            Map<String, String> descriptive = new LinkedHashMap<>();
            descriptive.put("title", (String) job.get("title"));
            descriptive.put("description", (String) job.get("description"));
            descriptive.put("license", (String) job.get("license"));
            result.put("patched_items", outputs.patchDescriptive(collection, name, descriptive));
        } else if (!"no_change".equals(decision)) {
            ObjectNode asset = null;
            if ("tiled".equals(validation.get("strategy"))) {
                List<Map<String, Object>> tiles = context.stageResults("tiles");
                Map<String, Object> mosaic = writeMosaic(context.jobId(), job, validation, tiles);
                result.put("stac_collection", collection);
                result.put("tile_count", tiles.size());
                result.put("tile_items", tiles.stream().map(t -> t.get("stac_item")).toList());
                result.put("mosaic", mosaic);
                asset = mapper.createObjectNode().put("href", (String) mosaic.get("href")).put("type", "application/xml")
                        .put("title", "GDAL VRT mosaic of the " + tiles.size() + " tiles of " + name);
                asset.putArray("roles").add("data").add("mosaic");
            } else {
                result.putAll(context.stageResults("convert").get(0));
            }
            List<RasterOutputs.Removed> removed = outputs.removeStale(collection, name, context.jobId());
            BlobStorage storage = accounts.get((String) job.get("account"));
            removed.forEach(r -> storage.delete(r.container(), r.blob()));
            result.put("replaced_outputs", removed.size());
            setMosaicAsset(collection, name, asset, context.jobId());
        }
        files.cleanup(context.jobId());
        return result;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> writeMosaic(String jobId, Map<String, Object> job, Map<String, Object> validation,
                                            List<Map<String, Object>> tiles) throws Exception {
        Map<String, Object> grid = (Map<String, Object>) validation.get("grid");
        List<MosaicVrt.Source> sources = new ArrayList<>();
        for (Map<String, Object> t : tiles) {
            sources.add(MosaicVrt.source((Map<String, Object>) t.get("cog"), t.get("tile_id") + ".tif"));
        }
        String crs = (String) grid.get("crs");
        Number nodata = (Number) validation.get("nodata");
        String xml = MosaicVrt.xml(((Number) grid.get("width")).intValue(), ((Number) grid.get("height")).intValue(),
                RasterCatalog.toArray((List<Number>) grid.get("transform")), crs, axisMapping(crs),
                ((Number) validation.get("bands")).intValue(), (String) validation.get("dtype"),
                nodata == null ? null : nodata.doubleValue(), sources);
        Path file = files.jobDir(jobId).resolve("mosaic.vrt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        String container = accounts.allowedContainer((String) job.get("output_container"));
        String blob = "cogs/" + job.get("collection_id") + "/" + validation.get("item_id") + "/mosaic.vrt";
        BlobStorage storage = accounts.get((String) job.get("account"));
        storage.putFile(container, blob, file, "application/xml");
        Map<String, Object> mosaic = new LinkedHashMap<>();
        mosaic.put("container", container);
        mosaic.put("blob", blob);
        mosaic.put("href", storage.href(container, blob));
        mosaic.put("width", grid.get("width"));
        mosaic.put("height", grid.get("height"));
        return mosaic;
    }

    /** The collection's asset for this name's mosaic: set for a tile set, removed when the name is now one COG. */
    private void setMosaicAsset(String collection, String name, ObjectNode asset, String jobId) {
        stac.collection(collection).ifPresent(c -> {
            ObjectNode copy = ((ObjectNode) c).deepCopy();
            ObjectNode assets = copy.has("assets") ? (ObjectNode) copy.get("assets") : copy.putObject("assets");
            if (asset == null && !assets.has(name + "_mosaic")) {
                return;
            }
            if (asset == null) {
                assets.remove(name + "_mosaic");
            } else {
                assets.set(name + "_mosaic", asset);
            }
            widenExtent(copy, collection);
            stac.upsertCollection(copy, jobId);
        });
    }

    /** The collection's spatial extent grown to cover its items. */
    private void widenExtent(ObjectNode collection, String id) {
        double[] box = stac.itemsExtent(id);
        if (box == null) {
            return;
        }
        ArrayNode bbox = (ArrayNode) collection.path("extent").path("spatial").path("bbox").get(0);
        double[] merged = {Math.min(box[0], bbox.get(0).asDouble()), Math.min(box[1], bbox.get(1).asDouble()),
                Math.max(box[2], bbox.get(2).asDouble()), Math.max(box[3], bbox.get(3).asDouble())};
        bbox.removeAll();
        for (double v : merged) {
            bbox.add(v);
        }
    }

    /** "2,1" when the CRS lists latitude first (EPSG:4326): the grid is always x first. */
    private static String axisMapping(String crs) {
        if (crs == null) {
            return "1,2";
        }
        SpatialReference srs = new SpatialReference();
        try {
            int err = crs.startsWith("EPSG:") ? srs.ImportFromEPSG(Integer.parseInt(crs.substring(5)))
                    : srs.ImportFromWkt(crs);
            return err == 0 && srs.EPSGTreatsAsLatLong() == 1 ? "2,1" : "1,2";
        } finally {
            srs.delete();
        }
    }
}
