package org.geoetl.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.geoetl.catalog.metadata.MetadataRepository;
import org.geoetl.catalog.metadata.RasterMetadata;
import org.geoetl.engine.state.JobStatus;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.raster.MosaicVrt;
import org.geoetl.stac.StacStore;
import org.geoetl.storage.BlobStorage;
import org.geoetl.storage.StorageAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mosaic of a Platform raster collection (several files, one STAC collection): once every job
 * of the request has completed, a GDAL VRT laying each of its COGs (tiles included) on one grid at
 * the finest resolution among them, stored beside them as {@code cogs/<collection>/<key>.vrt} with
 * sources named relative to it, and added to the collection as asset {@code <key>} (roles data,
 * mosaic; {@code app:items} lists the items it covers, so unpublishing one of them removes it).
 * Rasters of different CRS, band count or type, or in different containers, get no mosaic; the
 * reason is logged. Idempotent: two completions racing write the same mosaic.
 */
@Component
public class CollectionMosaic {

    private static final Logger log = LoggerFactory.getLogger(CollectionMosaic.class);

    private final PlatformRequests requests;
    private final JobRepository jobs;
    private final MetadataRepository metadata;
    private final StacStore stac;
    private final StorageAccounts accounts;
    private final ObjectMapper mapper;
    private final TransactionTemplate tx;

    public CollectionMosaic(PlatformRequests requests, JobRepository jobs, MetadataRepository metadata, StacStore stac,
                            StorageAccounts accounts, ObjectMapper mapper, TransactionTemplate tx) {
        this.requests = requests;
        this.jobs = jobs;
        this.metadata = metadata;
        this.stac = stac;
        this.accounts = accounts;
        this.mapper = mapper;
        this.tx = tx;
    }

    /** The asset key of a request's mosaic: the hub's ids as a slug (as its items begin), and "_mosaic". */
    static String assetKey(PlatformRequests.Row r) {
        return PlatformTranslation.stacSlug(r.datasetId() + "_" + r.resourceId() + "_" + r.versionId(), 200) + "_mosaic";
    }

    /** Writes the mosaic when every job of the raster request has completed; the asset written, if any. */
    public Optional<JsonNode> buildIfComplete(String requestId) throws Exception {
        PlatformRequests.Row r = requests.find(requestId).orElse(null);
        if (r == null || !"raster_collection".equals(r.dataType()) || r.jobIds().size() < 2
                || !r.jobIds().stream().allMatch(id -> jobs.find(id).map(j -> j.status() == JobStatus.COMPLETED).orElse(false))) {
            return Optional.empty();
        }
        JsonNode outputs = mapper.readTree(r.outputs());
        String collection = outputs.path("collection_id").asText();
        List<String> items = new ArrayList<>();
        outputs.path("items").forEach(i -> items.add(i.asText()));
        List<RasterMetadata> cogs = metadata.collectionRasters(collection, null).stream()
                .filter(m -> items.contains(m.base().stacItemId()) || items.contains(m.lineage().tileSet())).toList();
        String refused = refusal(cogs, "cogs/" + collection + "/");
        if (refused != null) {
            log.info("platform request {}: no mosaic of collection {}: {}", requestId, collection, refused);
            return Optional.empty();
        }
        String key = assetKey(r);
        String blob = "cogs/" + collection + "/" + key + ".vrt";
        RasterMetadata first = cogs.get(0);
        BlobStorage storage = accounts.forHref(first.container(), first.blobPath(), first.href());
        byte[] xml = xml(cogs, "cogs/" + collection + "/").getBytes(StandardCharsets.UTF_8);
        storage.put(first.container(), blob, new java.io.ByteArrayInputStream(xml), xml.length, "application/xml");
        ObjectNode asset = mapper.createObjectNode().put("href", storage.href(first.container(), blob))
                .put("type", "application/xml").put("title", "GDAL VRT mosaic of the " + items.size() + " rasters of this request");
        asset.putArray("roles").add("data").add("mosaic");
        items.forEach(asset.putArray("app:items")::add);
        setAsset(collection, key, asset, r.jobIds().get(r.jobIds().size() - 1));
        return Optional.of(asset);
    }

    /** Why these COGs cannot share one VRT, or null when they can. */
    static String refusal(List<RasterMetadata> cogs, String vrtFolder) {
        if (cogs.size() < 2) {
            return "fewer than two COGs";
        }
        RasterMetadata a = cogs.get(0);
        for (RasterMetadata c : cogs) {
            if (c.epsg() == null || !Objects.equals(c.epsg(), a.epsg())) {
                return "the rasters are in different (or unknown) CRSs";
            }
            if (c.bands().size() != a.bands().size() || !c.dtype().equals(a.dtype())) {
                return "the rasters differ in band count or data type";
            }
            if (!c.container().equals(a.container()) || c.transform()[2] != 0 || c.transform()[4] != 0) {
                return "the rasters are in different containers or rotated";
            }
            if (!c.blobPath().startsWith(vrtFolder)) {
                return "a raster is not stored under " + vrtFolder + " (the mosaic names its sources relative to it)";
            }
        }
        return null;
    }

    /** The VRT: the union of the COGs' extents at the finest resolution among them. */
    static String xml(List<RasterMetadata> cogs, String vrtFolder) {
        double resX = Double.MAX_VALUE, resY = Double.MAX_VALUE;
        double minX = Double.MAX_VALUE, maxY = -Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE;
        List<MosaicVrt.Source> sources = new ArrayList<>();
        for (RasterMetadata c : cogs) {
            double[] t = c.transform();
            resX = Math.min(resX, Math.abs(t[1]));
            resY = Math.min(resY, Math.abs(t[5]));
            minX = Math.min(minX, t[0]);
            maxY = Math.max(maxY, t[3]);
            maxX = Math.max(maxX, t[0] + c.width() * t[1]);
            minY = Math.min(minY, t[3] + c.height() * t[5]);
            sources.add(new MosaicVrt.Source(c.blobPath().substring(vrtFolder.length()), c.width(), c.height(), t));
        }
        int width = (int) Math.ceil((maxX - minX) / resX - 1e-9);
        int height = (int) Math.ceil((maxY - minY) / resY - 1e-9);
        String crs = "EPSG:" + cogs.get(0).epsg();
        return MosaicVrt.xml(width, height, new double[] {minX, resX, 0, maxY, 0, -resY}, crs, MosaicVrt.axisMapping(crs),
                cogs.get(0).bands().size(), cogs.get(0).dtype(), cogs.get(0).nodata(), sources);
    }

    private void setAsset(String collection, String key, ObjectNode asset, String jobId) {
        tx.executeWithoutResult(s -> {
            stac.lockCollection(collection);
            stac.collection(collection).ifPresent(c -> {
                ObjectNode copy = ((ObjectNode) c).deepCopy();
                ObjectNode assets = copy.has("assets") ? (ObjectNode) copy.get("assets") : copy.putObject("assets");
                assets.set(key, asset);
                stac.upsertCollection(copy, jobId);
            });
        });
    }
}
