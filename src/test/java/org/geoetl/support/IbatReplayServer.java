package org.geoetl.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IBAT's data-downloads API on loopback, replaying what the test publishes:
 * {@code GET /v1/data-downloads?dataset_name=&auth_key=&auth_token=} answers a release's downloads
 * (401 for wrong credentials, 404 for an unknown dataset); each download_url points to
 * {@code /v1/downloads/<dataset>/<format>}, which redirects to a pre-signed-looking
 * {@code /files/...?X-Amz-Signature=…} serving the bytes with a hostile Content-Disposition name.
 * A test can point a download_url anywhere (file:///etc/passwd, http://169.254.169.254/…), change
 * the announced file_size, and serve bodies without Content-Length.
 */
public final class IbatReplayServer extends ReplayServer {

    /** One offered format of a release. */
    public record Offer(String format, byte[] bytes, String contentType, String downloadUrl, Long fileSize) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final String authKey;
    private final String authToken;
    private final Map<String, String> updateDates = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Offer>> offers = new ConcurrentHashMap<>();
    private volatile boolean chunked;

    public IbatReplayServer(String authKey, String authToken) throws IOException {
        this.authKey = authKey;
        this.authToken = authToken;
        route("/v1/data-downloads", (ex, r) -> dataDownloads(ex, r));
    }

    /** The base URL a client is configured with: http://127.0.0.1:port/v1. */
    public String apiBaseUrl() {
        return baseUrl() + "/v1";
    }

    /** Publishes (or replaces) a release of {@code dataset} dated {@code updateDate}, with no downloads yet. */
    public synchronized void release(String dataset, String updateDate) {
        updateDates.put(dataset, updateDate);
        offers.put(dataset, new LinkedHashMap<>());
    }

    /** Offers the release in {@code format}: download_url, file_size and bytes served as given. */
    public synchronized void offer(String dataset, String format, byte[] bytes, String contentType) {
        String path = "/v1/downloads/" + dataset + "/" + format;
        offers.get(dataset).put(format, new Offer(format, bytes, contentType, baseUrl() + path, (long) bytes.length));
        String filePath = "/files/" + dataset + "/" + format;
        route(path, (ex, r) -> respond(ex, 302, new byte[0],
                "Location", filePath + "?X-Amz-Expires=300&X-Amz-Signature=5f1c0ffee"));
        route(filePath, (ex, r) -> serve(ex, offers.get(dataset).get(format)));
    }

    /** Announces {@code url} as the format's download_url instead of this server's own link. */
    public synchronized void downloadUrl(String dataset, String format, String url) {
        Offer o = offers.get(dataset).get(format);
        offers.get(dataset).put(format, new Offer(o.format(), o.bytes(), o.contentType(), url, o.fileSize()));
    }

    /** Announces {@code size} (null: none) as the format's file_size. */
    public synchronized void fileSize(String dataset, String format, Long size) {
        Offer o = offers.get(dataset).get(format);
        offers.get(dataset).put(format, new Offer(o.format(), o.bytes(), o.contentType(), o.downloadUrl(), size));
    }

    /** Serve file bodies chunked, without Content-Length (the size is then known only by counting). */
    public void chunked(boolean chunked) {
        this.chunked = chunked;
    }

    private synchronized void dataDownloads(HttpExchange exchange, Recorded request) throws IOException {
        Map<String, String> query = request.query();
        if (!authKey.equals(query.get("auth_key")) || !authToken.equals(query.get("auth_token"))) {
            json(exchange, 401, "{\"status\":401,\"message\":\"Invalid auth_key or auth_token\"}");
            return;
        }
        String dataset = query.getOrDefault("dataset_name", "");
        if (!offers.containsKey(dataset)) {
            json(exchange, 404, "{\"status\":404,\"message\":\"Unknown dataset_name\"}");
            return;
        }
        ObjectNode root = json.createObjectNode().put("dataset_name", dataset)
                .put("dataset_title", dataset.equals("wdpa") ? "World Database on Protected Areas" : "Key Biodiversity Areas")
                .put("update_date", updateDates.get(dataset));
        ArrayNode downloads = root.putArray("downloads");
        for (Offer o : offers.get(dataset).values()) {
            ObjectNode d = downloads.addObject().put("format", o.format()).put("download_url", o.downloadUrl())
                    .put("update_date", updateDates.get(dataset))
                    .put("file_name", dataset.toUpperCase() + "_" + updateDates.get(dataset) + "_Public_" + o.format() + ".zip");
            if (o.fileSize() != null) {
                d.put("file_size", o.fileSize());
            }
        }
        json(exchange, 200, json.writeValueAsString(root));
    }

    private void serve(HttpExchange exchange, Offer offer) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", offer.contentType());
        // a client must never build a path from this
        exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"../../../etc/cron.d/evil\"");
        exchange.sendResponseHeaders(200, chunked ? 0 : offer.bytes().length == 0 ? -1 : offer.bytes().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(offer.bytes());
        }
    }
}
