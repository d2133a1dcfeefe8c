package org.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A parsed STAC item search (item-search and collection items): collections, ids, bbox,
 * intersects, datetime interval, a CQL2 filter (compiled by org.geoetl.stac.cql2), sortby, limit
 * and an offset token. Turned into SQL from fixed fragments; every value travels as a named parameter.
 */
public record StacSearch(List<String> collections, List<String> ids, double[] bbox, String intersects,
                         OffsetDateTime start, OffsetDateTime end, List<String> orderBy, int limit, int offset,
                         boolean includeUnpublished, org.geoetl.stac.cql2.Cql2Sql.Fragment filter) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 10000;

    public record Sql(String where, String orderBy, MapSqlParameterSource params) {
    }

    Sql toSql() {
        List<String> where = new ArrayList<>();
        MapSqlParameterSource p = new MapSqlParameterSource("limit", limit).addValue("offset", offset);
        if (!includeUnpublished) {
            where.add("published");
        }
        if (!collections.isEmpty()) {
            where.add("collection_id IN (:collections)");
            p.addValue("collections", collections);
        }
        if (!ids.isEmpty()) {
            where.add("id IN (:ids)");
            p.addValue("ids", ids);
        }
        if (bbox != null) {
            p.addValue("minx", bbox[0]).addValue("miny", bbox[1]).addValue("maxx", bbox[2]).addValue("maxy", bbox[3]);
            where.add(bbox[0] <= bbox[2]
                    ? "ST_Intersects(geometry, ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326))"
                    // a bbox crossing the antimeridian is two boxes
                    : "(ST_Intersects(geometry, ST_MakeEnvelope(:minx, :miny, 180, :maxy, 4326))"
                      + " OR ST_Intersects(geometry, ST_MakeEnvelope(-180, :miny, :maxx, :maxy, 4326)))");
        }
        if (intersects != null) {
            where.add("ST_Intersects(geometry, ST_SetSRID(ST_GeomFromGeoJSON(:intersects), 4326))");
            p.addValue("intersects", intersects);
        }
        if (start != null) {
            where.add("COALESCE(end_datetime, start_datetime) >= :start");
            p.addValue("start", start);
        }
        if (end != null) {
            where.add("start_datetime <= :end");
            p.addValue("end", end);
        }
        if (filter != null) {
            where.add("(" + filter.sql() + ")");
            p.addValues(filter.params());
        }
        String w = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        List<String> order = new ArrayList<>(orderBy);
        order.add("collection_id");
        order.add("id");
        return new Sql(w, " ORDER BY " + String.join(", ", order), p);
    }

    /** Builds a search from query-string values (GET) or a JSON body (POST); null means absent. */
    public static StacSearch of(List<String> collections, List<String> ids, String bbox, String intersects,
                                String datetime, List<String> sortby, Integer limit, String token,
                                boolean includeUnpublished) {
        int lim = limit == null ? DEFAULT_LIMIT : limit;
        if (lim < 1 || lim > MAX_LIMIT) {
            throw new StacSearchException("limit must be between 1 and " + MAX_LIMIT);
        }
        OffsetDateTime[] interval = StacSearchInputs.interval(datetime);
        StacSearchInputs.checkGeometry(intersects);
        return new StacSearch(collections == null ? List.of() : collections, ids == null ? List.of() : ids,
                StacSearchInputs.bbox(bbox), intersects, interval[0], interval[1], order(sortby), lim, offset(token), includeUnpublished,
                null);
    }

    public StacSearch next() {
        return new StacSearch(collections, ids, bbox, intersects, start, end, orderBy, limit, offset + limit,
                includeUnpublished, filter);
    }

    /** This search with a CQL2 filter as well. */
    public StacSearch filtered(org.geoetl.stac.cql2.Cql2Sql.Fragment f) {
        return new StacSearch(collections, ids, bbox, intersects, start, end, orderBy, limit, offset,
                includeUnpublished, f);
    }

    public String nextToken() {
        return "o" + (offset + limit);
    }

    private static int offset(String token) {
        if (token == null || token.isBlank()) {
            return 0;
        }
        try {
            int o = Integer.parseInt(token.startsWith("o") ? token.substring(1) : token);
            if (o < 0) {
                throw new NumberFormatException();
            }
            return o;
        } catch (NumberFormatException e) {
            throw new StacSearchException("token '" + token + "' is not a paging token of this API");
        }
    }

    private static final Map<String, String> SORTABLE = Map.of("id", "id", "collection", "collection_id",
            "datetime", "start_datetime", "properties.datetime", "start_datetime",
            "start_datetime", "start_datetime", "properties.start_datetime", "start_datetime",
            "end_datetime", "end_datetime", "properties.end_datetime", "end_datetime");

    /** "+field", "-field" or "field" (GET), or "field:asc|desc" (from a POST body). */
    static List<String> order(List<String> sortby) {
        List<String> out = new ArrayList<>();
        if (sortby == null) {
            return out;
        }
        for (String raw : sortby) {
            String s = raw.trim();
            boolean desc = s.startsWith("-") || s.endsWith(":desc");
            String field = s.replaceFirst("^[+-]", "").replaceFirst(":(asc|desc)$", "");
            String column = SORTABLE.get(field);
            if (column == null) {
                throw new StacSearchException("cannot sort by '" + field + "' (sortable: id, collection, datetime,"
                        + " start_datetime, end_datetime)");
            }
            out.add(column + (desc ? " DESC NULLS LAST" : " ASC NULLS LAST"));
        }
        return out;
    }

    /** Reads a POST /search body. */
    public static StacSearch fromBody(JsonNode body, boolean includeUnpublished) {
        if (body.has("query")) {
            throw new StacSearchException("the query extension is not supported: use filter (CQL2 JSON or text)");
        }
        List<String> sort = new ArrayList<>();
        body.path("sortby").forEach(s -> sort.add(s.path("field").asText() + ":" + s.path("direction").asText("asc")));
        String bbox = body.has("bbox") ? body.get("bbox").toString() : null;
        String intersects = body.hasNonNull("intersects") ? body.get("intersects").toString() : null;
        if (bbox != null && intersects != null) {
            throw new StacSearchException("bbox and intersects cannot be used together");
        }
        StacSearch search = of(strings(body.path("collections")), strings(body.path("ids")), bbox, intersects,
                body.path("datetime").asText(null), sort, StacSearchInputs.bodyLimit(body),
                body.path("token").asText(null), includeUnpublished || body.path("include_unpublished").asBoolean(false));
        return body.hasNonNull("filter") ? search.filtered(StacFilters.fromBody(body)) : search;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
