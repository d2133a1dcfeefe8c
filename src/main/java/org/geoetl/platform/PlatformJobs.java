package org.geoetl.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A Platform request as GeoETL jobs (seed platform_translation): a vector file → process_vector
 * into a table named after the hub's ids; a raster → process_raster, collection = the dataset's
 * STAC slug, item = the ids' slug; several rasters → one process_raster per file into one collection.
 */
@Component
public class PlatformJobs {

    /** One job to submit, and the output it will produce. */
    public record Planned(String jobType, ObjectNode parameters, String output) {
    }

    private final ObjectMapper mapper;

    public PlatformJobs(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public List<Planned> plan(PlatformRequest r, String dataType) {
        String ids = r.datasetId() + "_" + r.resourceId() + "_" + r.versionId();
        JsonNode o = r.options();
        List<Planned> out = new ArrayList<>();
        if ("vector".equals(dataType)) {
            String table = PlatformTranslation.tableName(o.path("table_name").asText(ids));
            ObjectNode p = common(r, r.files().get(0)).put("table_name", table);
            r.tags().forEach(p.putArray("keywords")::add);
            copy(o, p, "lat_column", "lat_name");
            copy(o, p, "lon_column", "lon_name");
            copy(o, p, "wkt_column", "wkt_column");
            copy(o, p, "crs", "source_crs");
            out.add(new Planned("process_vector", p, table));
            return out;
        }
        String collection = PlatformTranslation.stacSlug(o.path("collection_id").asText(r.datasetId()), 100);
        for (String file : r.files()) {
            String item = PlatformTranslation.stacSlug(r.files().size() == 1 ? ids : ids + "_" + PlatformTranslation.stem(file), 200);
            ObjectNode p = common(r, file).put("collection_id", collection).put("item_id", item);
            copy(o, p, "crs", "input_crs");
            copy(o, p, "raster_type", "raster_type");
            copy(o, p, "output_tier", "output_tier");
            copy(o, p, "output_container", "output_container");
            out.add(new Planned("process_raster", p, item));
        }
        return out;
    }

    private ObjectNode common(PlatformRequest r, String file) {
        ObjectNode p = mapper.createObjectNode().put("container_name", r.containerName()).put("blob_name", file)
                .put("title", r.title());
        if (r.description() != null) {
            p.put("description", r.description());
        }
        if (r.options().path("overwrite").asBoolean(false)) {
            p.put("overwrite", true);
        }
        return p;
    }

    private static void copy(JsonNode from, ObjectNode to, String option, String parameter) {
        if (from.hasNonNull(option)) {
            to.set(parameter, from.get(option));
        }
    }
}
