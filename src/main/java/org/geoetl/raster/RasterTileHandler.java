package org.geoetl.raster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.springframework.stereotype.Component;

/**
 * One tile of a large raster: its window of the output grid as a COG (cut with -srcwin, or warped
 * to exactly its extent when target_crs reprojects), catalogued as an item of the tile set
 * ({@link CogTask}). Idempotent by tile id: the blob name and item id are the tile's.
 */
@Component
public class RasterTileHandler implements TaskHandler {

    private final CogTask cogTask;

    public RasterTileHandler(CogTask cogTask) {
        this.cogTask = cogTask;
    }

    @Override
    public String taskType() {
        return "raster_tile";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.HEAVY;
    }

    @Override
    public String description() {
        return "process_raster: one tile of a large raster as a COG, catalogued as an item of the tile set";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handle(TaskContext context) throws Exception {
        Map<String, Object> validation = context.stageResults("validate").get(0);
        Map<String, Object> tile = (Map<String, Object>) context.taskParameters().get("item");
        String name = (String) validation.get("item_id");
        String tileId = (String) tile.get("tile_id");
        String itemId = name + "-" + tileId;
        Map<String, Object> result = new LinkedHashMap<>(tile);
        result.put("stac_item", itemId);
        result.put("cog", cogTask.run(context, validation, window(tile, (Map<String, Object>) validation.get("grid")),
                tileId + ".tif", "cogs/" + context.jobParameters().get("collection_id") + "/" + name + "/" + tileId + ".tif",
                itemId, name));
        return result;
    }

    /** The gdal_translate arguments that cut this tile: a source window, or an extent in the warped grid. */
    @SuppressWarnings("unchecked")
    static List<String> window(Map<String, Object> tile, Map<String, Object> grid) {
        int x = ((Number) tile.get("x")).intValue();
        int y = ((Number) tile.get("y")).intValue();
        int w = ((Number) tile.get("width")).intValue();
        int h = ((Number) tile.get("height")).intValue();
        if (!Boolean.TRUE.equals(grid.get("reprojected"))) {
            return List.of("-srcwin", Integer.toString(x), Integer.toString(y), Integer.toString(w), Integer.toString(h));
        }
        double[] gt = RasterCatalog.toArray((List<Number>) grid.get("transform"));
        double minx = gt[0] + x * gt[1];
        double maxx = gt[0] + (x + w) * gt[1];
        double maxy = gt[3] + y * gt[5];
        double miny = gt[3] + (y + h) * gt[5];
        return List.of("-co", "RES=" + gt[1], "-co", "EXTENT=" + minx + "," + miny + "," + maxx + "," + maxy);
    }
}
