package org.geoetl.stac;

import java.util.Arrays;
import java.util.List;

/** Query strings of the links StacApi renders (next pages), and the comma lists clients send. */
final class StacQueryStrings {

    private StacQueryStrings() {
    }

    static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? null : Arrays.stream(csv.split(",")).map(String::trim).toList();
    }

    static String query(String limit, String bbox, String datetime, String includeUnpublished) {
        return join(param("limit", limit), param("bbox", bbox), param("datetime", datetime),
                param("include_unpublished", includeUnpublished));
    }

    static String param(String name, Object value) {
        return value == null ? "" : name + "=" + java.net.URLEncoder.encode(value.toString(), java.nio.charset.StandardCharsets.UTF_8);
    }

    static String join(String... parts) {
        return String.join("&", Arrays.stream(parts).filter(p -> !p.isEmpty()).toList());
    }
}
