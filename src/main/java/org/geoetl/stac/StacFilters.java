package org.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.geoetl.stac.cql2.Cql2;
import org.geoetl.stac.cql2.Cql2Exception;
import org.geoetl.stac.cql2.Cql2Json;
import org.geoetl.stac.cql2.Cql2Sql;
import org.geoetl.stac.cql2.Cql2Text;

/** The filter extension's parameters (filter, filter-lang, filter-crs) into a compiled filter; a bad one is a 400. */
final class StacFilters {

    private static final Set<String> CRS84 = Set.of("http://www.opengis.net/def/crs/OGC/1.3/CRS84",
            "https://www.opengis.net/def/crs/OGC/1.3/CRS84", "http://www.opengis.net/def/crs/EPSG/0/4326", "EPSG:4326");

    private StacFilters() {
    }

    /** GET: the filter is text unless filter-lang says cql2-json. */
    static Cql2Sql.Fragment fromQuery(String filter, String lang, String crs) {
        checkCrs(crs);
        String l = lang == null ? "cql2-text" : lang;
        try {
            return switch (l) {
                case "cql2-text" -> Cql2Sql.compile(Cql2Text.parse(filter));
                case "cql2-json" -> Cql2Sql.compile(Cql2Json.parse(StacSearchInputs.JSON.readTree(filter)));
                default -> throw new StacSearchException("filter-lang must be cql2-text or cql2-json");
            };
        } catch (Cql2Exception e) {
            throw new StacSearchException(e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StacSearchException("filter is not JSON, but filter-lang says cql2-json");
        }
    }

    /** POST: a JSON filter is CQL2 JSON, a string CQL2 text (filter-lang, when given, must agree). */
    static Cql2Sql.Fragment fromBody(JsonNode body) {
        checkCrs(body.path("filter-crs").asText(null));
        JsonNode filter = body.get("filter");
        String lang = body.path("filter-lang").asText(filter.isTextual() ? "cql2-text" : "cql2-json");
        try {
            Cql2.Expr e;
            if (lang.equals("cql2-json") && !filter.isTextual()) {
                e = Cql2Json.parse(filter);
            } else if (lang.equals("cql2-text") && filter.isTextual()) {
                e = Cql2Text.parse(filter.asText());
            } else {
                throw new StacSearchException("filter-lang " + lang + " does not match the filter given"
                        + " (cql2-json: an object; cql2-text: a string)");
            }
            return Cql2Sql.compile(e);
        } catch (Cql2Exception e) {
            throw new StacSearchException(e.getMessage());
        }
    }

    private static void checkCrs(String crs) {
        if (crs != null && !CRS84.contains(crs)) {
            throw new StacSearchException("filter-crs must be http://www.opengis.net/def/crs/OGC/1.3/CRS84 (longitude, latitude)");
        }
    }
}
