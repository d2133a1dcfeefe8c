package org.geoetl.raster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.InfoOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconst;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.RasterFixtures;
import org.geoetl.support.StacValidator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** process_raster on rasters GDAL writes for the test: each type inferred, converted as its type calls for. */
class ProcessRasterIT extends EngineTestSupport {

    @Autowired
    StorageAccounts accounts;

    private final Path work = Path.of("target", "raster-fixtures");

    private Path tif(String name, int size, int bands, int type, Integer epsg, double[] origin, double res, Double nodata,
                     RasterFixtures.PixelFn fn, int... colorInterp) throws Exception {
        return RasterFixtures.tif(work, name, size, size, bands, type, epsg, origin, res, nodata, fn, colorInterp);
    }

    private String upload(Path file) throws Exception {
        String name = "raster/" + unique() + "/" + file.getFileName();
        accounts.get("local").put("bronze", name, Files.newInputStream(file), Long.MAX_VALUE, null);
        return name;
    }

    private JsonNode run(String params) {
        ResponseEntity<JsonNode> r = submit("process_raster", params);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(202);
        return awaitEnd(r.getBody().path("job_id").asText(), Duration.ofSeconds(120));
    }

    private JsonNode cogInfo(JsonNode result) {
        Path cog = Path.of("target", "test-storage", "silver", result.path("cog").path("blob").asText());
        Dataset ds = gdal.Open(cog.toString());
        try {
            return mapper.readTree(gdal.GDALInfo(ds, new InfoOptions(new Vector<>(List.of("-json")))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            ds.delete();
        }
    }

    @Test
    void eachRasterTypeIsInferredAndConvertedAsItsTypeCallsFor() throws Exception {
        double[] rwanda = {29.0, -1.0};
        record Case(Path file, String expected, String tier, String compression, String predictor) {
        }
        List<Case> cases = List.of(
                new Case(tif("rgb", 600, 3, gdalconst.GDT_Byte, 4326, rwanda, 0.001, null,
                        (b, x, y) -> (x * b + y) % 256, gdalconst.GCI_RedBand, gdalconst.GCI_GreenBand, gdalconst.GCI_BlueBand),
                        "rgb", "visualization", "YCbCr JPEG", null),
                new Case(tif("rgbn", 300, 4, gdalconst.GDT_UInt16, 4326, rwanda, 0.001, null, (b, x, y) -> x * 10 + y + b * 1000),
                        "nir", "analysis", "DEFLATE", "2"),
                new Case(tif("dem", 700, 1, gdalconst.GDT_Float32, 32633, new double[] {500000, 9800000}, 30.0, -9999.0,
                        (b, x, y) -> x < 5 ? -9999 : 1200 + 300 * Math.sin(x / 40.0) + y * 0.5), "dem", "analysis", "DEFLATE", "3"),
                new Case(tif("landcover", 400, 1, gdalconst.GDT_Byte, 4326, rwanda, 0.001, 0.0, (b, x, y) -> 1 + (x / 60 + y / 60) % 7),
                        "categorical", "archive", "LZW", "2"),
                new Case(tif("multispectral", 256, 8, gdalconst.GDT_UInt16, 4326, rwanda, 0.001, null, (b, x, y) -> b * 500 + x + y),
                        "multispectral", "analysis", "DEFLATE", "2"));
        List<JsonNode> items = new ArrayList<>();
        String collection = "rasters-" + unique().substring(0, 8);
        for (Case c : cases) {
            JsonNode s = run("{\"blob_name\": \"" + upload(c.file()) + "\", \"collection_id\": \"" + collection
                    + "\", \"output_tier\": \"" + c.tier() + "\"}");
            assertThat(s.path("status").asText()).as(c.expected() + ": " + s.path("errorDetails").asText()).isEqualTo("completed");
            JsonNode r = s.path("resultData").path("results").get(0);
            assertThat(r.path("raster_type").asText()).as(c.file().toString()).isEqualTo(c.expected());
            assertThat(r.path("cog").path("layout").asText()).isEqualTo("COG");
            JsonNode info = cogInfo(r);
            JsonNode structure = info.path("metadata").path("IMAGE_STRUCTURE");
            assertThat(structure.path("COMPRESSION").asText()).as(c.expected()).isEqualTo(c.compression());
            if (c.predictor() != null) {
                assertThat(structure.path("PREDICTOR").asText()).as(c.expected()).isEqualTo(c.predictor());
            }
            assertThat(info.path("bands").size()).isEqualTo(c.file().toString().contains("multispectral") ? 8
                    : c.expected().equals("rgb") ? 3 : c.expected().equals("nir") ? 4 : 1);
            if (c.expected().equals("dem")) {
                assertThat(info.path("bands").get(0).path("noDataValue").asDouble()).isEqualTo(-9999.0);
                assertThat(info.path("bands").get(0).path("overviews").size()).isPositive();
            }
            items.add(get("/api/stac/collections/" + collection + "/items/" + r.path("stac_item").asText()
                    + "?include_unpublished=true"));
        }
        // the same raster again under another title: its item exists, so a 400 unless overwrite
        String demBlob = items.get(2).path("properties").path("app:source_file").asText();
        String again = "{\"blob_name\": \"" + demBlob + "\", \"collection_id\": \"" + collection + "\", \"title\": \"DEM v2\"";
        ResponseEntity<JsonNode> refused = submit("process_raster", again + "}");
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().toString()).contains("already exists");
        assertThat(run(again + ", \"overwrite\": true}").path("status").asText()).isEqualTo("completed");
        assertThat(get("/api/stac/collections/" + collection + "/items/" + items.get(2).path("id").asText()
                + "?include_unpublished=true").path("properties").path("title").asText()).isEqualTo("DEM v2");

        JsonNode dem = items.get(2);
        assertThat(dem.path("properties").path("proj:epsg").asInt()).isEqualTo(32633);
        assertThat(dem.path("bbox").get(0).asDouble()).isBetween(14.9, 15.1);
        StacValidator.validate(mapper, items);
    }

    @Test
    void hostileOrBrokenRastersFailFastWithAClearError() throws Exception {
        // a header claiming 40 billion pixels (sparse: the file itself is tiny)
        Files.createDirectories(work);
        Path huge = work.resolve(unique() + "-huge.tif");
        Dataset big = gdal.GetDriverByName("GTiff").Create(huge.toString(), 200_000, 200_000, 1, gdalconst.GDT_Byte,
                new Vector<>(List.of("SPARSE_OK=TRUE", "TILED=YES")));
        big.SetGeoTransform(new double[] {0, 0.0001, 0, 10, 0, -0.0001});
        big.delete();
        JsonNode s1 = run("{\"blob_name\": \"" + upload(huge) + "\", \"collection_id\": \"hostile\"}");
        assertThat(s1.path("status").asText()).isEqualTo("failed");
        assertThat(s1.path("errorDetails").asText()).contains("pixels").contains("budget");

        // a PNG called .tif
        Path png = work.resolve(unique() + "-fake.tif");
        Dataset mem = gdal.GetDriverByName("MEM").Create("", 10, 10, 1, gdalconst.GDT_Byte);
        gdal.GetDriverByName("PNG").CreateCopy(png.toString(), mem).delete();
        mem.delete();
        JsonNode s2 = run("{\"blob_name\": \"" + upload(png) + "\", \"collection_id\": \"hostile\"}");
        assertThat(s2.path("status").asText()).isEqualTo("failed");
        assertThat(s2.path("errorDetails").asText()).contains("not a readable GeoTIFF");

        // a truncated GeoTIFF
        Path whole = tif("whole", 512, 1, gdalconst.GDT_Float32, 4326, new double[] {0, 1}, 0.001, null, (b, x, y) -> x * y);
        Path cut = work.resolve(unique() + "-truncated.tif");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        JsonNode s3 = run("{\"blob_name\": \"" + upload(cut) + "\", \"collection_id\": \"hostile\"}");
        assertThat(s3.path("status").asText()).isEqualTo("failed");
        assertThat(s3.path("errorDetails").asText()).isNotBlank();

        // no CRS: refused, then accepted with input_crs
        Path nocrs = tif("nocrs", 300, 1, gdalconst.GDT_Float32, null, new double[] {500000, 100000}, 10, null,
                (b, x, y) -> 100 + x * 0.1);
        String blob = upload(nocrs);
        JsonNode s4 = run("{\"blob_name\": \"" + blob + "\", \"collection_id\": \"hostile\"}");
        assertThat(s4.path("status").asText()).isEqualTo("failed");
        assertThat(s4.path("errorDetails").asText()).contains("has no CRS").contains("input_crs");
        JsonNode s5 = run("{\"blob_name\": \"" + blob + "\", \"collection_id\": \"hostile\", \"input_crs\": \"EPSG:32633\"}");
        assertThat(s5.path("status").asText()).as(s5.path("errorDetails").asText()).isEqualTo("completed");

        // a declared type the data contradicts: both shown
        Path rgb = tif("declared", 64, 3, gdalconst.GDT_Byte, 4326, new double[] {0, 1}, 0.001, null, (b, x, y) -> x);
        JsonNode s6 = run("{\"blob_name\": \"" + upload(rgb) + "\", \"collection_id\": \"hostile\", \"raster_type\": \"dem\"}");
        assertThat(s6.path("status").asText()).isEqualTo("failed");
        assertThat(s6.path("errorDetails").asText()).contains("raster_type says dem").contains("looks like rgb");
    }

    @Test
    void aReRunWithOverwriteDecidesNoChangeMetadataOnlyOrFullReprocess() throws Exception {
        Path dem = tif("rerun", 400, 1, gdalconst.GDT_Float32, 32633, new double[] {500000, 9800000}, 30.0, null,
                (b, x, y) -> 800 + x * 0.25 + y * 0.5);
        String blob = upload(dem);
        String collection = "rerun-" + unique().substring(0, 8);
        String base = "{\"blob_name\": \"" + blob + "\", \"collection_id\": \"" + collection + "\"";
        JsonNode first = run(base + ", \"title\": \"DEM\"}").path("resultData").path("results").get(0);
        assertThat(first.path("decision").asText()).isEqualTo("new");
        Path cog = Path.of("target", "test-storage", "silver", first.path("cog").path("blob").asText());
        long written = Files.getLastModifiedTime(cog).toMillis();
        String item = "/api/stac/collections/" + collection + "/items/" + first.path("stac_item").asText()
                + "?include_unpublished=true";

        JsonNode same = run(base + ", \"title\": \"DEM\", \"overwrite\": true}").path("resultData").path("results").get(0);
        assertThat(same.path("decision").asText()).as(same.toString()).isEqualTo("no_change");
        assertThat(same.path("source_checksum").asText()).isEqualTo(first.path("source_checksum").asText()).startsWith("1220");

        JsonNode retitled = run(base + ", \"title\": \"DEM v2\", \"overwrite\": true}").path("resultData").path("results").get(0);
        assertThat(retitled.path("decision").asText()).isEqualTo("metadata_only");
        assertThat(retitled.path("patched_items").asInt()).isEqualTo(1);
        assertThat(get(item).path("properties").path("title").asText()).isEqualTo("DEM v2");
        assertThat(jdbc.queryForObject("SELECT title FROM app.cog_metadata WHERE cog_id = ?", String.class,
                first.path("stac_item").asText())).isEqualTo("DEM v2");
        assertThat(Files.getLastModifiedTime(cog).toMillis()).as("no COG rewritten").isEqualTo(written);

        JsonNode archived = run(base + ", \"overwrite\": true, \"output_tier\": \"archive\"}").path("resultData")
                .path("results").get(0);
        assertThat(archived.path("decision").asText()).isEqualTo("full");
        assertThat(archived.path("decision_reason").asText()).contains("output_tier");
        assertThat(cogInfo(archived).path("metadata").path("IMAGE_STRUCTURE").path("COMPRESSION").asText()).isEqualTo("LZW");
        assertThat(get(item).path("properties").path("title").asText()).as("a title not given is kept").isEqualTo("DEM v2");

        // new bytes under the same blob name: the source checksum differs, so everything is redone
        Path changed = tif("rerun", 400, 1, gdalconst.GDT_Float32, 32633, new double[] {500000, 9800000}, 30.0, null,
                (b, x, y) -> 900 + x * 0.25);
        accounts.get("local").put("bronze", blob, Files.newInputStream(changed), Long.MAX_VALUE, null);
        JsonNode full = run(base + ", \"overwrite\": true, \"output_tier\": \"archive\", \"title\": \"DEM v3\"}")
                .path("resultData").path("results").get(0);
        assertThat(full.path("decision").asText()).isEqualTo("full");
        assertThat(full.path("decision_reason").asText()).contains("source changed");
        assertThat(full.path("source_checksum").asText()).isNotEqualTo(first.path("source_checksum").asText());
        assertThat(jdbc.queryForObject("SELECT source_checksum FROM app.cog_metadata WHERE cog_id = ?", String.class,
                first.path("stac_item").asText())).isEqualTo(full.path("source_checksum").asText());
        assertThat(get(item).path("properties").path("title").asText()).isEqualTo("DEM v3");
    }

    @Test
    void targetCrsReprojectsTheCog() throws Exception {
        Path dem = tif("utm", 500, 1, gdalconst.GDT_Float32, 32733, new double[] {500000, 9800000}, 30.0, -9999.0,
                (b, x, y) -> 1000 + x + y);
        String collection = "reproject-" + unique().substring(0, 8);
        JsonNode s = run("{\"blob_name\": \"" + upload(dem) + "\", \"collection_id\": \"" + collection
                + "\", \"target_crs\": \"EPSG:4326\"}");
        assertThat(s.path("status").asText()).as(s.path("errorDetails").asText()).isEqualTo("completed");
        JsonNode r = s.path("resultData").path("results").get(0);
        assertThat(r.path("cog").path("crs").asText()).isEqualTo("EPSG:4326");
        JsonNode info = cogInfo(r);
        // UTM 33S easting 500 000 is the zone's central meridian, 15° E; northing 9 800 000 is about 1.8° S
        double[] gt = mapper.convertValue(info.path("geoTransform"), double[].class);
        assertThat(gt[0]).isBetween(14.99, 15.01);
        assertThat(gt[3]).isBetween(-1.82, -1.78);
        assertThat(gt[1]).isBetween(0.0002, 0.0003); // 30 m in degrees
        assertThat(info.path("bands").get(0).path("noDataValue").asDouble()).isEqualTo(-9999.0);
        JsonNode item = get("/api/stac/collections/" + collection + "/items/" + r.path("stac_item").asText()
                + "?include_unpublished=true");
        assertThat(item.path("properties").path("proj:epsg").asInt()).isEqualTo(4326);
        StacValidator.validate(mapper, List.of(item));
    }
}
