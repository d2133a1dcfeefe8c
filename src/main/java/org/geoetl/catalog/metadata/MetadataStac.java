package org.geoetl.catalog.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * The one place metadata records become STAC items: common properties from {@link BaseMetadata},
 * the table extension for vectors, projection/raster/file for rasters. Items start unpublished.
 */
@Component
public class MetadataStac {

    private final java.time.Clock clock;

    static final String PROJECTION = "https://stac-extensions.github.io/projection/v1.1.0/schema.json";
    static final String RASTER = "https://stac-extensions.github.io/raster/v1.1.0/schema.json";
    static final String FILE = "https://stac-extensions.github.io/file/v2.1.0/schema.json";
    static final String TABLE = "https://stac-extensions.github.io/table/v1.2.0/schema.json";

    private final ObjectMapper mapper;
    private final String database;

    /** {@code database} is where loaded tables live, as {@code host:port/name} (from the JDBC URL). */
    public MetadataStac(ObjectMapper mapper,
                        @org.springframework.beans.factory.annotation.Value("${spring.datasource.url}") String jdbcUrl,
                        java.time.Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
        this.database = jdbcUrl.replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "");
    }

    public ObjectNode vectorItem(VectorMetadata m) {
        ObjectNode item = base(m.base());
        item.withArray("stac_extensions").add(TABLE);
        ObjectNode p = (ObjectNode) item.get("properties");
        p.put("table:row_count", m.featureCount()).put("table:primary_geometry", "geom");
        ArrayNode columns = p.putArray("table:columns");
        m.columns().forEach(c -> columns.addObject().put("name", c.name()).put("type", c.type())
                .put("description", c.sourceName() == null ? "" : "source field " + c.sourceName()));
        p.put("postgis:schema", m.schema()).put("postgis:table", m.table()).put("postgis:geometry_type", m.geometryType())
                .put("postgis:srid", m.srid());
        p.put("processing:software", m.processingSoftware());
        p.put("app:features_read", m.featuresRead()).put("app:features_rejected", m.featuresRejected());
        p.set("app:repairs", mapper.valueToTree(m.repairs()));
        item.putObject("assets").putObject("table")
                .put("href", "postgresql://" + database + "?schema=" + m.schema() + "&table=" + m.table())
                .put("type", "application/vnd.postgresql").put("title", m.schema() + "." + m.table())
                .putArray("roles").add("data");
        return item;
    }

    public ObjectNode rasterItem(RasterMetadata m) {
        ObjectNode item = base(m.base());
        ArrayNode ext = item.withArray("stac_extensions");
        ext.add(PROJECTION).add(RASTER).add(FILE);
        ObjectNode p = (ObjectNode) item.get("properties");
        if (m.epsg() != null) {
            p.put("proj:epsg", m.epsg());
        } else {
            p.putNull("proj:epsg");
        }
        p.putArray("proj:shape").add(m.height()).add(m.width());
        ArrayNode t = p.putArray("proj:transform");
        double[] gt = m.transform(); // GDAL order: x0, dx, rx, y0, ry, dy → STAC/affine order
        t.add(gt[1]).add(gt[2]).add(gt[0]).add(gt[4]).add(gt[5]).add(gt[3]);
        if (m.projectedBbox() != null) {
            ArrayNode pb = p.putArray("proj:bbox");
            for (double v : m.projectedBbox()) {
                pb.add(v);
            }
        }
        p.put("app:raster_type", m.rasterType());
        if (m.lineage().tileSet() != null) {
            p.put("app:tile_set", m.lineage().tileSet());
        }
        ObjectNode asset = item.putObject("assets").putObject("data").put("href", m.href())
                .put("type", "image/tiff; application=geotiff; profile=cloud-optimized").put("title", m.blobPath());
        asset.putArray("roles").add("data");
        asset.put("file:size", m.sizeBytes());
        if (m.checksum() != null) {
            asset.put("file:checksum", m.checksum());
        }
        ArrayNode bands = asset.putArray("raster:bands");
        m.bands().forEach(b -> {
            ObjectNode band = bands.addObject().put("data_type", m.dtype()).put("spatial_resolution", m.resolution());
            if (m.nodata() != null) {
                band.put("nodata", m.nodata());
            }
            if (b.unit() != null) {
                band.put("unit", b.unit());
            }
            if (b.minimum() != null) {
                band.putObject("statistics").put("minimum", b.minimum()).put("maximum", b.maximum())
                        .put("mean", b.mean()).put("stddev", b.stddev());
            }
        });
        return item;
    }

    /** A collection created on first publication into it; its extent is the first dataset's until updated. */
    public ObjectNode newCollection(String id, String description, double[] bbox) {
        ObjectNode c = mapper.createObjectNode().put("type", "Collection").put("stac_version", "1.0.0").put("id", id)
                .put("description", description).put("license", "proprietary");
        ObjectNode extent = c.putObject("extent");
        extent.putObject("spatial").putArray("bbox").addArray().add(bbox[0]).add(bbox[1]).add(bbox[2]).add(bbox[3]);
        extent.putObject("temporal").putArray("interval").addArray().addNull().addNull();
        c.putArray("links");
        return c;
    }

    private ObjectNode base(BaseMetadata b) {
        ObjectNode item = mapper.createObjectNode().put("type", "Feature").put("stac_version", "1.0.0")
                .put("id", b.stacItemId()).put("collection", b.stacCollectionId());
        item.putArray("stac_extensions");
        double[] box = b.bbox();
        item.putArray("bbox").add(box[0]).add(box[1]).add(box[2]).add(box[3]);
        ObjectNode geometry = item.putObject("geometry").put("type", "Polygon");
        ArrayNode ring = geometry.putArray("coordinates").addArray();
        double[][] corners = {{box[0], box[1]}, {box[2], box[1]}, {box[2], box[3]}, {box[0], box[3]}, {box[0], box[1]}};
        for (double[] c : corners) {
            ring.addArray().add(c[0]).add(c[1]);
        }
        ObjectNode p = item.putObject("properties");
        if (b.temporalStart() != null && b.temporalEnd() != null && !b.temporalStart().equals(b.temporalEnd())) {
            p.putNull("datetime");
            p.put("start_datetime", iso(b.temporalStart())).put("end_datetime", iso(b.temporalEnd()));
        } else {
            p.put("datetime", iso(b.temporalStart() != null ? b.temporalStart() : OffsetDateTime.now(clock)));
        }
        if (b.title() != null) {
            p.put("title", b.title());
        }
        if (b.description() != null) {
            p.put("description", b.description());
        }
        if (b.license() != null) {
            p.put("license", b.license());
        }
        if (!b.keywords().isEmpty()) {
            p.set("keywords", mapper.valueToTree(b.keywords()));
        }
        p.put("app:published", false).put("app:job_id", b.jobId()).put("app:job_type", b.jobType())
                .put("app:source_file", b.sourceFile()).put("app:source_format", b.sourceFormat())
                .put("app:source_crs", b.sourceCrs()).put("app:dataset_id", b.datasetId());
        item.putArray("links");
        return item;
    }

    private static String iso(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
