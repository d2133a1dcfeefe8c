package org.geoetl.catalog.metadata;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Typed metadata back from its rows (MetadataRepository's reads): what rebuild_stac renders items from. */
final class MetadataRows {

    private MetadataRows() {
    }

    static VectorMetadata vector(Map<String, Object> r, ObjectMapper json) {
        String schema = (String) r.get("schema_name");
        String table = (String) r.get("table_name");
        BaseMetadata base = new BaseMetadata(schema + "." + table, (String) r.get("title"), (String) r.get("description"),
                strings(r.get("keywords")), (String) r.get("license"), (String) r.get("attribution"), bbox(r),
                time(r.get("temporal_start")), time(r.get("temporal_end")), (String) r.get("source_file"),
                (String) r.get("source_format"), (String) r.get("source_crs"), (String) r.get("etl_job_id"), null,
                (String) r.get("stac_collection_id"), (String) r.get("stac_item_id"));
        List<VectorMetadata.Column> columns = read(json, (String) r.get("columns_json"), new TypeReference<>() { });
        Map<String, Long> repairs = read(json, (String) r.get("repairs_json"), new TypeReference<>() { });
        return new VectorMetadata(base, schema, table, (String) r.get("geometry_type"), number(r.get("feature_count")),
                number(r.get("rows_read")), number(r.get("rows_rejected")), ((Number) r.get("srid")).intValue(),
                columns == null ? List.of() : columns, repairs == null ? Map.of() : repairs,
                (String) r.get("processing_software"), (String) r.get("owner"));
    }

    static RasterMetadata raster(Map<String, Object> r, ObjectMapper json) {
        double[] gt = doubles(r.get("transform"));
        int w = ((Number) r.get("width")).intValue();
        int h = ((Number) r.get("height")).intValue();
        OffsetDateTime start = time(r.get("temporal_start"));
        BaseMetadata base = new BaseMetadata(r.get("container") + "/" + r.get("blob_path"), (String) r.get("title"),
                (String) r.get("description"), List.of(), (String) r.get("license"), null, bbox(r),
                start != null ? start : time(r.get("created_at")), time(r.get("temporal_end")),
                (String) r.get("source_file"), (String) r.get("source_format"), (String) r.get("source_crs"),
                (String) r.get("etl_job_id"), null, (String) r.get("stac_collection_id"), (String) r.get("stac_item_id"));
        List<RasterMetadata.Band> bands = read(json, (String) r.get("bands_json"), new TypeReference<>() { });
        Map<String, Object> processing = read(json, (String) r.get("processing_json"), new TypeReference<>() { });
        Number nodata = (Number) r.get("nodata");
        Number epsg = (Number) r.get("epsg");
        return new RasterMetadata(base, (String) r.get("container"), (String) r.get("blob_path"), (String) r.get("cog_url"),
                w, h, (String) r.get("dtype"), nodata == null ? null : nodata.doubleValue(),
                epsg == null ? null : epsg.intValue(), gt, new double[] {gt[0], gt[3] + h * gt[5], gt[0] + w * gt[1], gt[3]},
                (String) r.get("compression"), r.get("blocksize") == null ? 0 : ((Number) r.get("blocksize")).intValue(),
                Arrays.stream(ints(r.get("overview_levels"))).boxed().toList(), (String) r.get("raster_type"),
                number(r.get("size_bytes")), (String) r.get("checksum"), bands == null ? List.of() : bands,
                new RasterMetadata.Lineage((String) r.get("source_checksum"), processing, (String) r.get("tile_set")));
    }

    private static double[] bbox(Map<String, Object> r) {
        return new double[] {dbl(r.get("bbox_minx")), dbl(r.get("bbox_miny")), dbl(r.get("bbox_maxx")), dbl(r.get("bbox_maxy"))};
    }

    private static double dbl(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static OffsetDateTime time(Object o) {
        if (o instanceof Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        return o instanceof OffsetDateTime t ? t : null;
    }

    private static <T> T read(ObjectMapper json, String text, TypeReference<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a metadata row holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Object[] array(Object o) {
        try {
            return o == null ? new Object[0] : (Object[]) ((Array) o).getArray();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(Object o) {
        return Arrays.stream(array(o)).map(String::valueOf).toList();
    }

    private static double[] doubles(Object o) {
        return Arrays.stream(array(o)).mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }

    private static int[] ints(Object o) {
        return Arrays.stream(array(o)).mapToInt(x -> ((Number) x).intValue()).toArray();
    }
}
