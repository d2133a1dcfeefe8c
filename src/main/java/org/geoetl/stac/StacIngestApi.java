package org.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * Registering collections and items directly (a subset of the STAC Transaction extension): a
 * Collection, or a Feature / FeatureCollection of items for an existing collection, bulk-upserted.
 * Items registered this way start unpublished and have no job, so no approval opens for them.
 * Documents are checked against the STAC schemas ({@link StacSchemas}).
 */
@Component("stacIngestApi")
public class StacIngestApi {

    private final StacStore store;
    private final ObjectMapper mapper;
    private final org.geoetl.security.Callers callers;
    private final StacSchemas schemas;
    private final org.geoetl.storage.AssetHrefs hrefs;

    public StacIngestApi(StacStore store, ObjectMapper mapper, org.geoetl.security.Callers callers, StacSchemas schemas,
                         org.geoetl.storage.AssetHrefs hrefs) {
        this.schemas = schemas;
        this.hrefs = hrefs;
        this.store = store;
        this.mapper = mapper;
        this.callers = callers;
    }

    /** Submitters add; replacing what exists (a collection, an item a job produced) is for admins. */
    private void requireAdminToReplace(boolean replaces, String what) {
        if (replaces && !callers.has(org.geoetl.security.Role.ADMIN)) {
            throw new org.geoetl.security.AccessRefusedException(403, what + " exists already; replacing it needs"
                    + " the admin role (a job's outputs change through a new run of the job)");
        }
    }

    public Map<String, Object> putCollection(String body) throws Exception {
        JsonNode c = mapper.readTree(body == null ? "" : body);
        if (c == null || !"Collection".equals(c.path("type").asText()) || c.path("id").asText().isBlank()) {
            throw new StacSearchException("body must be a STAC Collection with an id");
        }
        schemas.requireCollection(c);
        requireAdminToReplace(store.collection(c.path("id").asText()).isPresent(), "collection " + c.path("id").asText());
        store.upsertCollection(c, null);
        return Map.of("collection_id", c.path("id").asText());
    }

    public Map<String, Object> addItems(String collectionId, String body) throws Exception {
        if (store.collection(collectionId).isEmpty()) {
            throw new NotFoundException("collection " + collectionId + " not found");
        }
        JsonNode doc = mapper.readTree(body == null ? "" : body);
        List<JsonNode> items = new ArrayList<>();
        if (doc != null && "FeatureCollection".equals(doc.path("type").asText())) {
            doc.path("features").forEach(items::add);
        } else if (doc != null) {
            items.add(doc);
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            JsonNode p = item.path("properties");
            if (!"Feature".equals(item.path("type").asText()) || item.path("id").asText().isBlank()
                    || !(p.hasNonNull("datetime") || (p.hasNonNull("start_datetime") && p.hasNonNull("end_datetime")))) {
                throw new StacSearchException("item " + i + " is not a STAC Item (type Feature, id, properties.datetime"
                        + " or start_datetime/end_datetime)");
            }
            if (item.hasNonNull("collection") && !collectionId.equals(item.get("collection").asText())) {
                throw new StacSearchException("item " + item.path("id").asText() + " names collection "
                        + item.get("collection").asText() + ", not " + collectionId);
            }
            schemas.requireItem(item, items.size() == 1 ? "" : "features[" + i + "]");
        }
        List<String> produced = store.jobItems(collectionId, items.stream().map(i -> i.path("id").asText()).toList());
        requireAdminToReplace(!produced.isEmpty(), "item " + (produced.isEmpty() ? "" : produced.get(0)));
        return Map.of("collection_id", collectionId, "registered", store.upsertItems(collectionId,
                items.stream().map(this::asStored).toList(), null));
    }

    /** Without review marks, and with hrefs as stored (a SAS or a proxied URL copied from a response is undone). */
    private JsonNode asStored(JsonNode item) {
        JsonNode out = withoutMarks(item);
        hrefs.storeHrefs(out);
        return out;
    }

    /**
     * An item as a client may write it: without the marks only the approval workflow sets
     * (app:published, who approved or revoked it and when), so nobody can forge a review.
     */
    static JsonNode withoutMarks(JsonNode item) {
        if (!item.path("properties").isObject()) {
            return item;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = item.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("properties")).remove(List.of("app:published",
                "app:published_at", "app:approved_by", "app:revoked", "app:revoked_at", "app:revoked_by",
                "app:revocation_reason"));
        return copy;
    }
}
