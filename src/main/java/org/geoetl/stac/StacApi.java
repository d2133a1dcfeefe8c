package org.geoetl.stac;

import static org.geoetl.stac.StacQueryStrings.join;
import static org.geoetl.stac.StacQueryStrings.param;
import static org.geoetl.stac.StacQueryStrings.query;
import static org.geoetl.stac.StacQueryStrings.split;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.geoetl.web.QueryParams;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.engine.NotFoundException;
import org.geoetl.security.AccessRefusedException;
import org.geoetl.security.Callers;
import org.geoetl.security.Role;
import org.springframework.stereotype.Component;

/**
 * STAC API 1.0 documents: landing page, conformance, collections, items (paged with next links),
 * item, and item search. Links are rendered here from {@code geoetl.public-url} — never from the
 * request's Host header, which a client controls; stored documents carry none. Unpublished items are hidden unless {@code include_unpublished=true} (reviewers).
 */
@Component("stacApi")
public class StacApi {

    static final String STAC_VERSION = "1.0.0";
    private final StacStore store;
    private final ObjectMapper mapper;
    private final Callers callers;
    private final String publicUrl;
    private final org.geoetl.storage.AssetHrefs hrefs;

    public StacApi(StacStore store, ObjectMapper mapper, Callers callers, GeoEtlProperties properties,
                   org.geoetl.storage.AssetHrefs hrefs) {
        this.hrefs = hrefs;
        this.store = store;
        this.mapper = mapper;
        this.callers = callers;
        this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
    }

    /** Anonymous callers of a public catalog see only collections with something published. */
    private List<JsonNode> visibleCollections() {
        return callers.has(Role.READER) ? store.collections() : store.publishedCollections();
    }

    /**
     * Unpublished items only for identified callers with a role: with a public catalog, anonymous
     * callers see published items whatever they ask for.
     */
    private boolean unpublished(String requested) {
        if (!QueryParams.flag("include_unpublished", requested)) {
            return false;
        }
        if (!callers.has(Role.READER)) {
            throw new AccessRefusedException(401, "unpublished items need credentials with the reader role");
        }
        return true;
    }

    public ObjectNode landing() {
        String root = root();
        ObjectNode doc = mapper.createObjectNode().put("type", "Catalog").put("stac_version", STAC_VERSION)
                .put("id", "geoetl").put("title", "GeoETL catalog")
                .put("description", "Datasets processed by GeoETL (published items; reviewers add include_unpublished=true)");
        doc.set("conformsTo", mapper.valueToTree(StacConformance.CLASSES));
        ArrayNode links = doc.putArray("links");
        link(links, "self", root, "application/json");
        link(links, "root", root, "application/json");
        link(links, "conformance", root + "/conformance", "application/json");
        link(links, "http://www.opengis.net/def/rel/ogc/1.0/queryables", root + "/queryables", "application/schema+json");
        link(links, "data", root + "/collections", "application/json");
        link(links, "search", root + "/search", "application/geo+json").put("method", "GET");
        link(links, "search", root + "/search", "application/geo+json").put("method", "POST");
        link(links, "service-desc", base() + "/api/openapi.json", "application/vnd.oai.openapi+json;version=3.0");
        for (JsonNode c : visibleCollections()) {
            link(links, "child", root + "/collections/" + c.path("id").asText(), "application/json");
        }
        return doc;
    }

    public ObjectNode conformance() {
        ObjectNode doc = mapper.createObjectNode();
        doc.set("conformsTo", mapper.valueToTree(StacConformance.CLASSES));
        return doc;
    }

    public ObjectNode collections() {
        String root = root();
        ObjectNode doc = mapper.createObjectNode();
        ArrayNode list = doc.putArray("collections");
        visibleCollections().forEach(c -> list.add(renderCollection(root, c)));
        ArrayNode links = doc.putArray("links");
        link(links, "self", root + "/collections", "application/json");
        link(links, "root", root, "application/json");
        return doc;
    }

    public ObjectNode collection(String id) {
        if (!callers.has(Role.READER) && visibleCollections().stream().noneMatch(c -> id.equals(c.path("id").asText()))) {
            throw new NotFoundException("collection " + id + " not found");
        }
        return renderCollection(root(), store.collection(id)
                .orElseThrow(() -> new NotFoundException("collection " + id + " not found")));
    }

    public ObjectNode items(String collectionId, String limit, String bbox, String datetime,
                            String token, String includeUnpublished, String fields) {
        collection(collectionId);
        StacSearch search = StacSearch.of(List.of(collectionId), null, bbox, null, datetime, null, limit(limit), token,
                unpublished(includeUnpublished));
        String self = root() + "/collections/" + collectionId + "/items";
        return featureCollection(search, StacFields.fromQuery(fields), self,
                join(query(limit, bbox, datetime, includeUnpublished), param("fields", fields)));
    }

    public ObjectNode item(String collectionId, String itemId, String includeUnpublished) {
        List<JsonNode> found = store.search(StacSearch.of(List.of(collectionId), List.of(itemId), null, null, null,
                null, 1, null, unpublished(includeUnpublished)));
        if (found.isEmpty()) {
            throw new NotFoundException("item " + itemId + " not found in collection " + collectionId);
        }
        return renderItem(root(), (ObjectNode) found.get(0));
    }

    public ObjectNode searchGet(String collections, String ids, String bbox, String intersects,
                                String datetime, String sortby, String limit, String token, String includeUnpublished,
                                String filter, String filterLang, String filterCrs, String fields) {
        StacSearch search = StacSearch.of(split(collections), split(ids), bbox, intersects, datetime, split(sortby),
                limit(limit), token, unpublished(includeUnpublished));
        if (filter != null) {
            search = search.filtered(StacFilters.fromQuery(filter, filterLang, filterCrs));
        }
        String query = join(param("collections", collections), param("ids", ids), param("bbox", bbox),
                param("datetime", datetime), param("sortby", sortby), param("limit", limit),
                param("include_unpublished", includeUnpublished), param("filter", filter),
                param("filter-lang", filterLang), param("filter-crs", filterCrs), param("fields", fields));
        return featureCollection(search, StacFields.fromQuery(fields), root() + "/search", query);
    }

    public ObjectNode searchPost(String body) throws Exception {
        JsonNode request = body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
        if (!request.isObject()) {
            throw new StacSearchException("the search body must be a JSON object");
        }
        boolean unpublished = unpublished(request.path("include_unpublished").asText(null));
        ((ObjectNode) request).remove("include_unpublished");
        StacSearch search = StacSearch.fromBody(request, unpublished);
        ObjectNode doc = page(search, StacFields.fromBody(request.get("fields")));
        if (doc.has("next_token")) {
            ObjectNode nextBody = request.deepCopy();
            nextBody.put("token", doc.remove("next_token").asText());
            ObjectNode next = link((ArrayNode) doc.get("links"), "next", root() + "/search", "application/geo+json");
            next.put("method", "POST");
            next.set("body", nextBody);
        }
        return doc;
    }

    private ObjectNode featureCollection(StacSearch search, StacFields fields, String self, String query) {
        ObjectNode doc = page(search, fields);
        if (doc.has("next_token")) {
            String token = doc.remove("next_token").asText();
            link((ArrayNode) doc.get("links"), "next",
                    self + "?" + join(query, "token=" + token), "application/geo+json");
        }
        return doc;
    }

    /** A page of items, each rendered with its links and then cut to the fields asked for (null: all). */
    private ObjectNode page(StacSearch search, StacFields fields) {
        String root = root();
        List<JsonNode> items = store.search(search);
        ObjectNode doc = mapper.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = doc.putArray("features");
        items.forEach(i -> {
            ObjectNode rendered = renderItem(root, (ObjectNode) i);
            features.add(fields == null ? rendered : fields.apply(rendered));
        });
        doc.put("numberReturned", items.size());
        doc.put("numberMatched", store.count(search));
        ArrayNode links = doc.putArray("links");
        link(links, "root", root, "application/json");
        if (items.size() == search.limit()) {
            doc.put("next_token", search.nextToken());
        }
        return doc;
    }

    private ObjectNode renderCollection(String root, JsonNode stored) {
        ObjectNode c = stored.deepCopy();
        String self = root + "/collections/" + c.path("id").asText();
        ArrayNode links = c.putArray("links");
        link(links, "self", self, "application/json");
        link(links, "root", root, "application/json");
        link(links, "parent", root, "application/json");
        link(links, "items", self + "/items", "application/geo+json");
        renderHrefs(c);
        return c;
    }

    private ObjectNode renderItem(String root, ObjectNode item) {
        String collection = item.path("collection").asText();
        String self = root + "/collections/" + collection + "/items/" + item.path("id").asText();
        ArrayNode links = item.putArray("links");
        link(links, "self", self, "application/geo+json");
        link(links, "parent", root + "/collections/" + collection, "application/json");
        link(links, "collection", root + "/collections/" + collection, "application/json");
        link(links, "root", root, "application/json");
        renderHrefs(item);
        return item;
    }

    /** Asset hrefs as clients get them (geoetl.storage.asset-hrefs: as stored, proxied, or with a SAS). */
    private void renderHrefs(ObjectNode doc) {
        doc.path("assets").forEach(a -> {
            if (a instanceof ObjectNode asset && asset.path("href").isTextual()) {
                asset.put("href", hrefs.render(asset.get("href").asText()));
            }
        });
    }

    private static ObjectNode link(ArrayNode links, String rel, String href, String type) {
        return links.addObject().put("rel", rel).put("href", href).put("type", type);
    }

    private String base() {
        return publicUrl;
    }

    private String root() {
        return base() + "/api/stac";
    }

    private static Integer limit(String limit) {
        return QueryParams.optionalInteger("limit", limit, 1, StacSearch.MAX_LIMIT);
    }
}
