package org.geoetl.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconst;
import org.gdal.osr.SpatialReference;
import org.geoetl.storage.BlobStorage;

/**
 * A STAC collection of small COGs with item sidecars, made with GDAL through its Java bindings and
 * written into a storage container: {@code prefix/collection.json}, {@code prefix/items/<id>.json},
 * {@code prefix/items/<id>.tif}. Item i covers a 0.5° cell of a grid starting at (10°E, 0°N) and is
 * dated 2024-01-01 plus i days.
 */
public final class CollectionFixture {

    private CollectionFixture() {
    }

    public static String itemId(String collectionId, int i) {
        return collectionId + "-" + i;
    }

    public static double[] cell(int i) {
        double x = 10 + (i % 20) * 0.5;
        double y = (i / 20) * 0.5;
        return new double[] {x, y, x + 0.5, y + 0.5};
    }

    public static void write(BlobStorage storage, String container, String prefix, String collectionId, int n,
                             ObjectMapper json) throws Exception {
        storage.ensureContainer(container);
        Path work = Files.createTempDirectory(Path.of("target"), "cogs");
        ArrayNode links = json.createArrayNode();
        for (int i = 0; i < n; i++) {
            String id = itemId(collectionId, i);
            double[] box = cell(i);
            Path tif = work.resolve(id + ".tif");
            cog(tif, box, i);
            storage.put(container, prefix + "/items/" + id + ".tif", Files.newInputStream(tif), Long.MAX_VALUE, "image/tiff");
            storage.put(container, prefix + "/items/" + id + ".json",
                    new ByteArrayInputStream(json.writeValueAsBytes(item(json, collectionId, id, box, i))), Long.MAX_VALUE,
                    "application/json");
            links.addObject().put("rel", "item").put("href", "./items/" + id + ".json").put("type", "application/json");
        }
        ObjectNode collection = json.createObjectNode().put("type", "Collection").put("stac_version", "1.0.0")
                .put("id", collectionId).put("description", "generated test collection").put("license", "CC-BY-4.0");
        ObjectNode extent = collection.putObject("extent");
        extent.putObject("spatial").putArray("bbox").addArray().add(10).add(0).add(20).add(0.5 * (1 + (n - 1) / 20));
        extent.putObject("temporal").putArray("interval").addArray().add("2024-01-01T00:00:00Z")
                .add(LocalDate.of(2024, 1, 1).plusDays(n - 1) + "T00:00:00Z");
        collection.set("links", links);
        storage.put(container, prefix + "/collection.json", new ByteArrayInputStream(json.writeValueAsBytes(collection)),
                Long.MAX_VALUE, "application/json");
    }

    private static ObjectNode item(ObjectMapper json, String collectionId, String id, double[] b, int i) {
        ObjectNode item = json.createObjectNode().put("type", "Feature").put("stac_version", "1.0.0").put("id", id);
        item.putArray("stac_extensions").add("https://stac-extensions.github.io/projection/v1.1.0/schema.json");
        item.putArray("bbox").add(b[0]).add(b[1]).add(b[2]).add(b[3]);
        ObjectNode geometry = item.putObject("geometry").put("type", "Polygon");
        geometry.putArray("coordinates").addArray()
                .add(json.createArrayNode().add(b[0]).add(b[1])).add(json.createArrayNode().add(b[2]).add(b[1]))
                .add(json.createArrayNode().add(b[2]).add(b[3])).add(json.createArrayNode().add(b[0]).add(b[3]))
                .add(json.createArrayNode().add(b[0]).add(b[1]));
        ObjectNode properties = item.putObject("properties")
                .put("datetime", LocalDate.of(2024, 1, 1).plusDays(i) + "T00:00:00Z").put("proj:epsg", 4326);
        properties.putArray("proj:shape").add(32).add(32);
        item.putObject("assets").putObject("data").put("href", "./" + id + ".tif")
                .put("type", "image/tiff; application=geotiff; profile=cloud-optimized").putArray("roles").add("data");
        item.putArray("links");
        item.put("collection", collectionId);
        return item;
    }

    private static void cog(Path file, double[] box, int seed) {
        gdal.AllRegister();
        Dataset mem = gdal.GetDriverByName("MEM").Create("", 32, 32, 1, gdalconst.GDT_Byte);
        try {
            mem.SetGeoTransform(new double[] {box[0], (box[2] - box[0]) / 32, 0, box[3], 0, -(box[3] - box[1]) / 32});
            SpatialReference srs = new SpatialReference();
            srs.ImportFromEPSG(4326);
            mem.SetProjection(srs.ExportToWkt());
            srs.delete();
            byte[] pixels = new byte[32 * 32];
            for (int k = 0; k < pixels.length; k++) {
                pixels[k] = (byte) ((k + seed) % 251);
            }
            mem.GetRasterBand(1).WriteRaster(0, 0, 32, 32, pixels);
            Dataset cog = gdal.Translate(file.toString(), mem,
                    new TranslateOptions(new Vector<>(List.of("-of", "COG", "-co", "COMPRESS=DEFLATE"))));
            if (cog == null) {
                throw new IllegalStateException("GDAL could not write " + file + ": " + gdal.GetLastErrorMsg());
            }
            cog.delete();
        } finally {
            mem.delete();
        }
    }
}
