package org.geoetl.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.geoetl.error.GeoEtlException;

/** A Platform request body: a JSON object (empty when absent), else a 400. */
final class PlatformBody {

    private PlatformBody() {
    }

    static JsonNode parse(ObjectMapper mapper, String text) {
        try {
            JsonNode b = mapper.readTree(text == null || text.isBlank() ? "{}" : text);
            if (!b.isObject()) {
                throw new GeoEtlException(400, "the request body must be a JSON object");
            }
            return b;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new GeoEtlException(400, "request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
