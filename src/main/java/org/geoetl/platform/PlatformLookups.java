package org.geoetl.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.catalog.DatasetRefs;
import org.geoetl.engine.NotFoundException;
import org.geoetl.error.GeoEtlException;
import org.springframework.stereotype.Component;

/**
 * Lookups the other way round: {@code GET /api/platform/status?item_id=|collection_id=|table=} —
 * the requests that produced a STAC item, a collection or a table, each with its full status — and
 * {@code GET /api/platform/catalog?dataset_id=&resource_id=&version_id=} — what the hub's ids
 * produced (tables, items, collections with their STAC URLs) and the dataset references kept for them.
 */
@Component("platformLookups")
public class PlatformLookups {

    private final PlatformRequests requests;
    private final PlatformStatus status;
    private final DatasetRefs refs;

    public PlatformLookups(PlatformRequests requests, PlatformStatus status, DatasetRefs refs) {
        this.requests = requests;
        this.status = status;
        this.refs = refs;
    }

    /** Recent requests, or, when an output is named, the status of each request that produced it. */
    public List<Map<String, Object>> status(String limit, String itemId, String collectionId, String table) {
        if (blank(itemId) && blank(collectionId) && blank(table)) {
            return status.list(limit);
        }
        List<PlatformRequests.Row> rows = requests.producing(nullIfBlank(itemId), nullIfBlank(collectionId), nullIfBlank(table));
        if (rows.isEmpty()) {
            throw new NotFoundException("no platform request produced " + (blank(itemId) ? "" : "item " + itemId + " ")
                    + (blank(collectionId) ? "" : "collection " + collectionId + " ") + (blank(table) ? "" : "table " + table));
        }
        return rows.stream().map(r -> status.status(r.requestId())).toList();
    }

    public Map<String, Object> catalog(String datasetId, String resourceId, String versionId) {
        if (blank(datasetId) && blank(resourceId) && blank(versionId)) {
            throw new GeoEtlException(400, "name at least one of dataset_id, resource_id, version_id");
        }
        String ds = nullIfBlank(datasetId);
        String rs = nullIfBlank(resourceId);
        String ver = nullIfBlank(versionId);
        List<Map<String, Object>> produced = requests.matching(ds, rs, ver, 500).stream().map(this::entry).toList();
        if (produced.isEmpty()) {
            throw new NotFoundException("no platform request with these DDH ids");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", produced.size());
        out.put("requests", produced);
        out.put("dataset_refs", refs.lookup(ds, rs, ver).get("refs"));
        return out;
    }

    private Map<String, Object> entry(PlatformRequests.Row r) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("request_id", r.requestId());
        e.put("dataset_id", r.datasetId());
        e.put("resource_id", r.resourceId());
        e.put("version_id", r.versionId());
        e.put("data_type", r.dataType());
        e.put("access_level", r.accessLevel());
        e.put("outputs", status.outputs(r));
        return e;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nullIfBlank(String s) {
        return blank(s) ? null : s;
    }
}
