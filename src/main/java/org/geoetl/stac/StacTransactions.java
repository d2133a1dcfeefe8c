package org.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.NotFoundException;
import org.geoetl.engine.OperatorVerbs;
import org.geoetl.security.AccessRefusedException;
import org.geoetl.security.Callers;
import org.geoetl.security.Role;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The STAC transaction extensions' updates and deletes (approver): {@code PUT} an item or a
 * collection (it must exist; the body's id is the path's), {@code PATCH} an item (JSON merge
 * patch), {@code DELETE} an item or a collection. Documents are checked against the STAC schemas. Publication stays the approval
 * workflow's: what is written here is unpublished (an item with no job has no approval, so only
 * reviewers see it), an item a job produced is replaced only by an admin (and, if it was
 * published, goes back to review), and what a job produced is not deleted here — its blobs and
 * metadata rows would be left behind; unpublish_raster / unpublish_vector remove it whole.
 */
@Component("stacTransactions")
public class StacTransactions {

    private final StacStore store;
    private final StacSchemas schemas;
    private final StacApi api;
    private final Callers callers;
    private final ObjectMapper mapper;
    private final org.geoetl.storage.AssetHrefs hrefs;

    public StacTransactions(StacStore store, StacSchemas schemas, StacApi api, Callers callers, ObjectMapper mapper,
                            org.geoetl.storage.AssetHrefs hrefs) {
        this.hrefs = hrefs;
        this.store = store;
        this.schemas = schemas;
        this.api = api;
        this.callers = callers;
        this.mapper = mapper;
    }

    @Transactional
    public ObjectNode putItem(String collectionId, String itemId, String body) {
        requireCollection(collectionId);
        if (store.existingItems(collectionId, List.of(itemId)).isEmpty()) {
            throw new NotFoundException("item " + itemId + " not found in collection " + collectionId + " (POST creates)");
        }
        ObjectNode item = object(body, "a STAC Item");
        requireSame("id", item.path("id").asText(null), itemId);
        if (item.hasNonNull("collection")) {
            requireSame("collection", item.get("collection").asText(), collectionId);
        }
        schemas.requireItem(item, "");
        hrefs.storeHrefs(item); // a client that read the item got its hrefs with a SAS or proxied
        if (store.itemJob(collectionId, itemId).isPresent()) {
            requireAdmin("item " + itemId + " was produced by a job");
        }
        store.upsertItems(collectionId, List.of(StacIngestApi.withoutMarks(item)), null);
        return api.item(collectionId, itemId, "true");
    }

    /** JSON merge patch (RFC 7396) of a stored item: null removes a member, objects merge, anything else replaces. */
    @Transactional
    public ObjectNode patchItem(String collectionId, String itemId, String body) {
        ObjectNode patch = object(body, "a JSON merge patch of the item");
        if (patch.has("id") && !itemId.equals(patch.get("id").asText())) {
            throw new StacSearchException("an item's id cannot be patched");
        }
        // the stored item, not the rendered one (whose hrefs may carry a SAS); without "collection",
        // which STAC allows only with a collection link
        ObjectNode stored = store.search(StacSearch.of(List.of(collectionId), List.of(itemId), null, null, null, null, 1,
                null, true)).stream().findFirst().map(ObjectNode.class::cast)
                .orElseThrow(() -> new NotFoundException("item " + itemId + " not found in collection " + collectionId));
        stored.remove(List.of("links", "collection"));
        merge(stored, patch);
        return putItem(collectionId, itemId, stored.toString());
    }

    static void merge(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else if (e.getValue().isObject() && target.get(e.getKey()) instanceof ObjectNode inner) {
                merge(inner, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    @Transactional
    public Map<String, Object> deleteItem(String collectionId, String itemId) {
        requireCollection(collectionId);
        if (store.existingItems(collectionId, List.of(itemId)).isEmpty()) {
            throw new NotFoundException("item " + itemId + " not found in collection " + collectionId);
        }
        store.itemJob(collectionId, itemId).ifPresent(job -> {
            throw new OperatorVerbs.Refused("item " + itemId + " was produced by job " + job
                    + "; unpublish it (unpublish_raster / unpublish_vector) so its data and metadata go with it");
        });
        return Map.of("collection_id", collectionId, "deleted", store.deleteItems(collectionId, List.of(itemId)));
    }

    @Transactional
    public ObjectNode putCollection(String collectionId, String body) {
        requireCollection(collectionId);
        ObjectNode c = object(body, "a STAC Collection");
        requireSame("id", c.path("id").asText(null), collectionId);
        schemas.requireCollection(c);
        if (store.collectionJob(collectionId).isPresent()) {
            requireAdmin("collection " + collectionId + " was created by a job");
        }
        store.upsertCollection(c, null);
        return api.collection(collectionId);
    }

    @Transactional
    public Map<String, Object> deleteCollection(String collectionId) {
        requireCollection(collectionId);
        store.lockCollection(collectionId);
        long produced = store.jobItemCount(collectionId);
        if (produced > 0 || store.collectionJob(collectionId).isPresent()) {
            throw new OperatorVerbs.Refused("collection " + collectionId + " holds what jobs produced (" + produced
                    + " items); unpublish those first");
        }
        return Map.of("collection_id", collectionId, "deleted", true, "items_deleted", store.deleteCollection(collectionId));
    }

    private void requireCollection(String id) {
        if (store.collection(id).isEmpty()) {
            throw new NotFoundException("collection " + id + " not found");
        }
    }

    private void requireAdmin(String why) {
        if (!callers.has(Role.ADMIN)) {
            throw new AccessRefusedException(403, why + "; replacing it needs the admin role");
        }
    }

    private static void requireSame(String field, String given, String path) {
        if (!path.equals(given)) {
            throw new StacSearchException("the body's " + field + " (" + given + ") is not the path's (" + path + ")");
        }
    }

    private ObjectNode object(String body, String what) {
        try {
            JsonNode n = mapper.readTree(body == null || body.isBlank() ? "null" : body);
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StacSearchException("the body is not valid JSON: " + e.getOriginalMessage());
        }
        throw new StacSearchException("the body must be " + what);
    }
}
