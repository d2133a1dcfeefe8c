package org.geoetl.vector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.geoetl.storage.StorageAccounts;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.VectorFixtures;
import org.geoetl.support.VectorFixtures.Row;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** process_vector end to end on files written by GDAL: messy geometries, formats, missing CRS, hostile input. */
class ProcessVectorIT extends EngineTestSupport {

    @Autowired
    StorageAccounts accounts;

    private final Path work = Path.of("target", "vector-fixtures");

    private String upload(Path file) throws Exception {
        String name = "vector/" + unique() + "/" + file.getFileName();
        accounts.get("local").put("bronze", name, Files.newInputStream(file), Long.MAX_VALUE, null);
        return name;
    }

    private JsonNode run(String params) {
        ResponseEntity<JsonNode> r = submit("process_vector", params);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(202);
        return awaitEnd(r.getBody().path("job_id").asText(), Duration.ofSeconds(120));
    }

    private static String table() {
        return "t_" + unique().replace("-", "").substring(0, 12);
    }

    @Test
    void messyGeoJsonIsRepairedSplitByTypeAndFullyAccountedFor() throws Exception {
        List<Row> rows = List.of(
                new Row("POLYGON ((30 -2, 31 -2, 31 -1, 30 -1, 30 -2))", Map.of("Name", "ok", "Weird Name!", "a", "1st", 1)),
                new Row("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))", Map.of("Name", "bowtie")),
                new Row("POLYGON ((0 0, 10 0, 10 10, 10 20, 10 10, 0 10, 0 0))", Map.of("Name", "spike")),
                new Row("POLYGON ((0 0, 1 0, 1 0, 1 0, 1 1, 0 1, 0 0))", Map.of("Name", "duplicates")),
                new Row("POLYGON Z ((5 5 100, 6 5 100, 6 6 120, 5 6 110, 5 5 100))", Map.of("Name", "3d")),
                new Row("POLYGON ((170 -10, 190 -10, 190 10, 170 10, 170 -10))", Map.of("Name", "antimeridian")),
                new Row("POLYGON ((0 0, 0 1, 1 1, 1 0, 0 0))", Map.of("Name", "clockwise")),
                new Row("POINT (29.9 -1.9)", Map.of("Name", "a point")),
                new Row("LINESTRING (29 -2, 30 -3)", Map.of("Name", "a line")),
                new Row("POLYGON EMPTY", Map.of("Name", "empty")),
                new Row(null, Map.of("Name", "no geometry")));
        Path file = VectorFixtures.write(work.resolve(unique() + ".geojson"), "GeoJSON", "messy", 4326,
                List.of("Name", "Weird Name!", "1st"), rows);
        String table = table();
        JsonNode status = run("{\"blob_name\": \"" + upload(file) + "\", \"table_name\": \"" + table + "\","
                + " \"title\": \"Messy\", \"chunk_size\": 1000}");
        assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("completed");
        JsonNode r = status.path("resultData").path("results").get(0);
        assertThat(r.path("features_read").asLong()).isEqualTo(11);
        assertThat(r.path("features_loaded").asLong() + r.path("features_rejected").asLong()).isEqualTo(11);
        assertThat(r.path("features_rejected").asLong()).isEqualTo(2);
        // GeoJSON writes an empty polygon as a null geometry: both end as rejected, with the reason
        assertThat(r.path("rejections").path("null geometry").asLong() + r.path("rejections").path("empty geometry").asLong())
                .isEqualTo(2);
        JsonNode repairs = r.path("repairs");
        assertThat(repairs.path("made_valid").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(repairs.path("repeated_vertices_removed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(repairs.path("forced_2d").asLong()).isEqualTo(1);
        assertThat(repairs.path("antimeridian_split").asLong()).isEqualTo(1);
        assertThat(repairs.path("winding_order_fixed").asLong()).isGreaterThanOrEqualTo(1);

        List<String> tables = new ArrayList<>();
        r.path("tables").forEach(t -> tables.add(t.asText()));
        assertThat(tables).containsExactlyInAnyOrder("geo." + table + "_points", "geo." + table + "_lines",
                "geo." + table + "_polygons");
        long loaded = 0;
        for (String t : tables) {
            loaded += count("SELECT count(*) FROM " + t);
            assertThat(count("SELECT count(*) FROM " + t + " WHERE NOT ST_IsValid(geom) OR ST_SRID(geom) <> 4326"
                    + " OR ST_NDims(geom) <> 2")).as(t).isZero();
        }
        assertThat(loaded).isEqualTo(9);
        assertThat(count("SELECT count(*) FROM geo." + table + "_polygons WHERE ST_XMax(geom) > 180")).isZero();
        assertThat(count("SELECT count(*) FROM geo." + table + "_polygons WHERE name = 'antimeridian'"
                + " AND ST_NumGeometries(geom) = 2")).isEqualTo(1);
        // laundered column names, the mapping reported
        assertThat(count("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'geo' AND table_name = ?"
                + " AND column_name IN ('name', 'weird_name_', 'f_1st')", table + "_points")).isEqualTo(3);
        // the report a user can open
        assertThat(count("SELECT count(*) FROM geo." + table + "_etl_report WHERE outcome = 'rejected'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM geo." + table + "_etl_report WHERE outcome = 'repaired'"
                + " AND 'forced_2d' = ANY (details)")).isEqualTo(1);
        // catalogued, unpublished, approval pending
        String jobId = status.path("jobId").asText();
        assertThat(count("SELECT count(*) FROM stac.items WHERE job_id = ? AND NOT published", jobId)).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM app.table_catalog WHERE table_name = ?", table + "_polygons")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM app.dataset_approvals WHERE job_id = ? AND status = 'pending'", jobId)).isEqualTo(1);
        // no staging tables left behind
        assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'geo' AND tablename LIKE ?",
                "_stg_" + jobId.substring(0, 16) + "%")).isZero();

        // the identical request again is answered with the finished job, not refused for the table it made
        ResponseEntity<JsonNode> same = submit("process_vector", "{\"blob_name\": \""
                + status.path("parameters").path("blob_name").asText() + "\", \"table_name\": \"" + table + "\","
                + " \"title\": \"Messy\", \"chunk_size\": 1000}");
        assertThat(same.getStatusCode().value()).isEqualTo(200);
        assertThat(same.getBody().path("status").asText()).isEqualTo("already_completed");

        // the table exists now: without overwrite that is a 400 at submit, with overwrite it is replaced
        String again = "{\"blob_name\": \"" + status.path("parameters").path("blob_name").asText() + "\", \"table_name\": \""
                + table + "\", \"mixed_geometry\": \"split\", \"title\": \"Messy 2\"}";
        ResponseEntity<JsonNode> refused = submit("process_vector", again);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().toString()).contains("already exists");
        JsonNode replaced = run(again.replace("\"title\"", "\"overwrite\": true, \"title\""));
        assertThat(replaced.path("status").asText()).isEqualTo("completed");
        assertThat(count("SELECT count(*) FROM geo." + table + "_polygons")).isEqualTo(7);
        assertThat(jdbc.queryForObject("SELECT title FROM app.table_catalog WHERE table_name = ?", String.class,
                table + "_polygons")).isEqualTo("Messy 2");
    }

    @Test
    void aShapefileWithoutPrjNeedsSourceCrsAndIsReprojected() throws Exception {
        Path dir = work.resolve(unique());
        VectorFixtures.write(dir.resolve("parcels.shp"), "ESRI Shapefile", "parcels", null, List.of("id"),
                List.of(new Row("POLYGON ((500000 0, 501000 0, 501000 1000, 500000 1000, 500000 0))", Map.of("id", 1)),
                        new Row("POLYGON ((502000 0, 503000 0, 503000 1000, 502000 1000, 502000 0))", Map.of("id", 2))));
        Path zip = dir.resolve("parcels.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String ext : new String[] {"shp", "shx", "dbf"}) {
                z.putNextEntry(new ZipEntry("parcels/parcels." + ext));
                z.write(Files.readAllBytes(dir.resolve("parcels." + ext)));
                z.closeEntry();
            }
        }
        String blob = upload(zip);
        JsonNode failed = run("{\"blob_name\": \"" + blob + "\", \"table_name\": \"" + table() + "\"}");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("errorDetails").asText()).contains("has no CRS").contains("source_crs");

        String table = table();
        JsonNode ok = run("{\"blob_name\": \"" + blob + "\", \"table_name\": \"" + table + "\", \"source_crs\": \"EPSG:32633\"}");
        assertThat(ok.path("status").asText()).as(ok.toString()).isEqualTo("completed");
        // UTM 33N easting 500000 is the 15°E meridian
        assertThat(jdbc.queryForObject("SELECT round(ST_X(ST_Centroid(geom))::numeric, 2)::text FROM geo." + table
                + " WHERE id = 1", String.class)).isEqualTo("15.00");
    }

    @Test
    void aLatin1ShapefileWithCpgArrivesAsUtf8() throws Exception {
        Path dir = work.resolve(unique());
        String name = "Café Ñandú à Kigali"; // Latin-1 characters only: the file is written in ISO-8859-1
        VectorFixtures.write(dir.resolve("places.shp"), "ESRI Shapefile", "places", 4326, List.of("name", "opened"),
                List.of(new Row("POINT (30.06 -1.95)", Map.of("name", name, "opened", "2019-05-01")),
                        new Row("POINT (30.07 -1.96)", Map.of("name", "plain", "opened", "0000-00-00"))),
                "ENCODING=ISO-8859-1");
        assertThat(Files.readString(dir.resolve("places.cpg")).trim()).containsIgnoringCase("8859");
        Path zip = dir.resolve("places.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String ext : new String[] {"shp", "shx", "dbf", "prj", "cpg"}) {
                z.putNextEntry(new ZipEntry("places." + ext));
                z.write(Files.readAllBytes(dir.resolve("places." + ext)));
                z.closeEntry();
            }
        }
        String t = table();
        JsonNode s = run("{\"blob_name\": \"" + upload(zip) + "\", \"table_name\": \"" + t + "\"}");
        assertThat(s.path("status").asText()).as(s.toString()).isEqualTo("completed");
        assertThat(jdbc.queryForObject("SELECT name FROM geo." + t + " WHERE fid = 0", String.class)).isEqualTo(name);
    }

    @Test
    void geoPackageLayerCsvKmlAndFlatGeobufLoad() throws Exception {
        List<Row> two = List.of(new Row("POINT (10 50)", Map.of("label", "a")), new Row("POINT (11 51)", Map.of("label", "b")));
        Path gpkg = work.resolve(unique() + ".gpkg");
        VectorFixtures.write(gpkg, "GPKG", "first", 4326, List.of("label"), List.of(new Row("POINT (1 1)", Map.of("label", "x"))));
        org.gdal.ogr.DataSource ds = org.gdal.ogr.ogr.Open(gpkg.toString(), 1);
        org.gdal.osr.SpatialReference srs = new org.gdal.osr.SpatialReference();
        srs.ImportFromEPSG(4326);
        org.gdal.ogr.Layer second = ds.CreateLayer("second", srs, org.gdal.ogr.ogr.wkbPoint);
        second.CreateField(new org.gdal.ogr.FieldDefn("label", org.gdal.ogr.ogr.OFTString));
        for (Row r : two) {
            org.gdal.ogr.Feature f = new org.gdal.ogr.Feature(second.GetLayerDefn());
            f.SetField("label", (String) r.values().get("label"));
            f.SetGeometry(org.gdal.ogr.ogr.CreateGeometryFromWkt(r.wkt()));
            second.CreateFeature(f);
            f.delete();
        }
        ds.delete();
        String t1 = table();
        JsonNode g = run("{\"blob_name\": \"" + upload(gpkg) + "\", \"table_name\": \"" + t1 + "\", \"layer_name\": \"second\","
                + " \"column_mapping\": {\"label\": \"Tag Name\"}, \"indexes\": {\"attributes\": [\"tag_name\"]}}");
        assertThat(g.path("status").asText()).as(g.toString()).isEqualTo("completed");
        assertThat(count("SELECT count(*) FROM geo." + t1 + " WHERE tag_name IN ('a', 'b')")).isEqualTo(2);
        assertThat(g.path("resultData").path("results").get(0).path("column_mapping").path("label").asText()).isEqualTo("tag_name");
        assertThat(count("SELECT count(*) FROM pg_indexes WHERE schemaname = 'geo' AND tablename = ? AND indexdef LIKE '%(tag_name)%'",
                t1)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pg_indexes WHERE schemaname = 'geo' AND tablename = ? AND indexdef LIKE '%gist%'",
                t1)).isEqualTo(1);

        Path csv = work.resolve(unique() + ".csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, "site,lat,lon\nalpha,-1.95,30.06\nbeta,-2.6,29.74\n", StandardCharsets.UTF_8);
        String t2 = table();
        assertThat(run("{\"blob_name\": \"" + upload(csv) + "\", \"table_name\": \"" + t2 + "\", \"lat_name\": \"lat\","
                + " \"lon_name\": \"lon\"}").path("status").asText()).isEqualTo("completed");
        assertThat(jdbc.queryForObject("SELECT round(ST_Y(ST_GeometryN(geom, 1))::numeric, 2)::text FROM geo." + t2
                + " WHERE site = 'alpha'", String.class)).isEqualTo("-1.95");

        Path wktCsv = work.resolve(unique() + ".csv");
        Files.writeString(wktCsv, "site,shape\ngamma,\"POLYGON ((30 -2, 30.1 -2, 30.1 -1.9, 30 -2))\"\n", StandardCharsets.UTF_8);
        String t3 = table();
        assertThat(run("{\"blob_name\": \"" + upload(wktCsv) + "\", \"table_name\": \"" + t3 + "\", \"wkt_column\": \"shape\"}")
                .path("status").asText()).isEqualTo("completed");
        assertThat(count("SELECT count(*) FROM geo." + t3 + " WHERE ST_GeometryType(geom) = 'ST_MultiPolygon'")).isEqualTo(1);

        Path kml = VectorFixtures.write(work.resolve(unique() + "-doc.kml"), "KML", "layer", 4326, List.of("label"), two);
        Path kmz = work.resolve(unique() + ".kmz");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(kmz))) {
            z.putNextEntry(new ZipEntry("doc.kml"));
            z.write(Files.readAllBytes(kml));
            z.closeEntry();
        }
        String t4 = table();
        JsonNode k = run("{\"blob_name\": \"" + upload(kmz) + "\", \"table_name\": \"" + t4 + "\", \"file_extension\": \"kmz\"}");
        assertThat(k.path("status").asText()).as(k.toString()).isEqualTo("completed");
        assertThat(count("SELECT count(*) FROM geo." + t4)).isEqualTo(2);

        Path mixed = VectorFixtures.write(work.resolve(unique() + ".geojson"), "GeoJSON", "mixed", 4326, List.of("label"),
                List.of(new Row("POINT (1 1)", Map.of("label", "p")), new Row("LINESTRING (0 0, 1 1)", Map.of("label", "l"))));
        String t5 = table();
        JsonNode m = run("{\"blob_name\": \"" + upload(mixed) + "\", \"table_name\": \"" + t5 + "\", \"mixed_geometry\": \"reject\"}");
        assertThat(m.path("status").asText()).isEqualTo("failed");
        assertThat(m.path("errorDetails").asText()).contains("mixes geometry types").contains("mixed_geometry=split");
        assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'geo' AND tablename LIKE ?", t5 + "%")).isZero();
        // the failed job's staging tables are gone too
        assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'geo' AND tablename LIKE ?",
                "_stg_" + m.path("jobId").asText().substring(0, 16) + "%")).isZero();

        for (String driver : new String[] {"KML", "FlatGeobuf", "GML"}) {
            String ext = Map.of("KML", ".kml", "FlatGeobuf", ".fgb", "GML", ".gml").get(driver);
            Path f = VectorFixtures.write(work.resolve(unique() + ext), driver, "layer", 4326, List.of("label"), two);
            String t = table();
            JsonNode s = run("{\"blob_name\": \"" + upload(f) + "\", \"table_name\": \"" + t + "\"}");
            assertThat(s.path("status").asText()).as(driver + ": " + s.path("errorDetails").asText()).isEqualTo("completed");
            assertThat(count("SELECT count(*) FROM geo." + t + " WHERE ST_IsValid(geom) AND ST_SRID(geom) = 4326"))
                    .as(driver).isEqualTo(2);
        }
    }

    @Test
    void hostileInputsFailClearlyOrLoadSafely() throws Exception {
        // a VRT that reads a local file, named .kml
        Path vrt = work.resolve(unique() + ".kml");
        Files.createDirectories(vrt.getParent());
        Files.writeString(vrt, "<OGRVRTDataSource><OGRVRTLayer name=\"x\"><SrcDataSource>/etc/passwd</SrcDataSource>"
                + "</OGRVRTLayer></OGRVRTDataSource>");
        JsonNode s1 = run("{\"blob_name\": \"" + upload(vrt) + "\", \"table_name\": \"" + table() + "\"}");
        assertThat(s1.path("status").asText()).isEqualTo("failed");
        assertThat(s1.path("errorDetails").asText()).contains("neither KML nor GML");

        // a zip whose entry climbs out of the extraction directory
        Path evil = work.resolve(unique() + ".zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(evil))) {
            z.putNextEntry(new ZipEntry("../../escape.kml"));
            z.write("<kml/>".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        JsonNode s2 = run("{\"blob_name\": \"" + upload(evil) + "\", \"table_name\": \"" + table() + "\"}");
        assertThat(s2.path("status").asText()).isEqualTo("failed");
        assertThat(s2.path("errorDetails").asText()).contains("parent path");
        assertThat(Files.exists(Path.of("data/escape.kml"))).isFalse();

        // a zip bomb: 64 MB of zeros squeezed into a few KB, over the 16 MB test limit
        Path bomb = work.resolve(unique() + ".zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bomb))) {
            z.putNextEntry(new ZipEntry("big.kml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        JsonNode s3 = run("{\"blob_name\": \"" + upload(bomb) + "\", \"table_name\": \"" + table() + "\"}");
        assertThat(s3.path("status").asText()).isEqualTo("failed");
        assertThat(s3.path("errorDetails").asText()).containsAnyOf("declares", "expands beyond");

        // field names carrying SQL become harmless column names
        String sqlName = "x\"); DROP TABLE geo.table_catalog; --";
        Path sneaky = VectorFixtures.write(work.resolve(unique() + ".geojson"), "GeoJSON", "sneaky", 4326,
                List.of(sqlName), List.of(new Row("POINT (1 1)", Map.of(sqlName, "v"))));
        String t = table();
        JsonNode s4 = run("{\"blob_name\": \"" + upload(sneaky) + "\", \"table_name\": \"" + t + "\"}");
        assertThat(s4.path("status").asText()).as(s4.toString()).isEqualTo("completed");
        assertThat(count("SELECT count(*) FROM app.table_catalog")).isPositive();
        assertThat(count("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'geo' AND table_name = ?"
                + " AND column_name = 'x_drop_table_geo_table_catalog_'", t)).isEqualTo(1);

        // a KML with an external entity pointing at a local file: nothing of the file is loaded
        Path xxe = work.resolve(unique() + ".kml");
        Files.writeString(xxe, "<?xml version=\"1.0\"?><!DOCTYPE kml [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><Placemark><name>&x;</name>"
                + "<Point><coordinates>1,1</coordinates></Point></Placemark></Document></kml>");
        String tx = table();
        JsonNode s5 = run("{\"blob_name\": \"" + upload(xxe) + "\", \"table_name\": \"" + tx + "\"}");
        String hostname = Files.exists(Path.of("/etc/hostname")) ? Files.readString(Path.of("/etc/hostname")).trim() : "\u0000";
        if ("completed".equals(s5.path("status").asText())) {
            assertThat(count("SELECT count(*) FROM geo." + tx + " WHERE name LIKE ?", "%" + hostname + "%")).isZero();
        } else {
            assertThat(s5.path("errorDetails").asText()).isNotBlank().doesNotContain(hostname);
        }

        // a GML whose schemaLocation points at an internal address: GDAL must not fetch it
        java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer internal = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        internal.createContext("/", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        internal.start();
        try {
            int port = internal.getAddress().getPort();
            Path gml = work.resolve(unique() + ".gml");
            Files.writeString(gml, "<?xml version=\"1.0\"?><wfs:FeatureCollection xmlns:wfs=\"http://www.opengis.net/wfs\""
                    + " xmlns:gml=\"http://www.opengis.net/gml\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                    + " xmlns:app=\"http://example.org/app\" xsi:schemaLocation=\"http://example.org/app http://127.0.0.1:" + port
                    + "/admin/DescribeFeatureType?typename=app:x\"><gml:featureMember><app:x><app:name>a</app:name>"
                    + "<app:geom><gml:Point srsName=\"EPSG:4326\"><gml:coordinates>1,1</gml:coordinates></gml:Point></app:geom>"
                    + "</app:x></gml:featureMember></wfs:FeatureCollection>");
            JsonNode s6 = run("{\"blob_name\": \"" + upload(gml) + "\", \"table_name\": \"" + table() + "\"}");
            assertThat(s6.path("status").asText()).isIn("completed", "failed");
            assertThat(hits.get()).as("requests GDAL made to the internal address").isZero();
        } finally {
            internal.stop(0);
        }

        // unknown container and missing blob: 400 at submit
        assertThat(submit("process_vector", "{\"blob_name\": \"nope/" + unique() + ".kml\", \"table_name\": \"x_y\"}")
                .getStatusCode().value()).isEqualTo(400);
    }
}
