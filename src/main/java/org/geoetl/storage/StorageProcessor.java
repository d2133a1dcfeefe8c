package org.geoetl.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The storage API: {@code PUT /api/storage/{container}/{name}} stores the request body (streamed,
 * size-limited), {@code GET} returns it, {@code DELETE} removes it, {@code GET /api/storage/{container}}
 * lists ({@code prefix}, {@code after}, {@code limit}). {@code ?account=} picks a non-default account.
 */
@Component("storageProcessor")
public class StorageProcessor implements Processor {

    private static final String PREFIX = "/api/storage";

    private final StorageAccounts accounts;
    private final ObjectMapper mapper;

    public StorageProcessor(StorageAccounts accounts, ObjectMapper mapper) {
        this.accounts = accounts;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        String path = uri.substring(uri.indexOf(PREFIX) + PREFIX.length()).replaceFirst("^/", "");
        int q = path.indexOf('?');
        path = URLDecoder.decode(q >= 0 ? path.substring(0, q) : path, StandardCharsets.UTF_8);
        int slash = path.indexOf('/');
        String container = slash < 0 ? path : path.substring(0, slash);
        String name = slash < 0 ? "" : path.substring(slash + 1);
        BlobStorage storage = accounts.get(in.getHeader("account", String.class));
        accounts.allowedContainer(container);

        if (name.isEmpty()) {
            int limit = Math.min(Math.max(in.getHeader("limit", 100, Integer.class), 1), 1000);
            var blobs = storage.list(container, in.getHeader("prefix", String.class), in.getHeader("after", String.class), limit);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("account", storage.account());
            out.put("container", container);
            out.put("blobs", blobs);
            if (blobs.size() == limit) {
                out.put("next_after", blobs.get(blobs.size() - 1).name());
            }
            json(exchange, 200, out);
            return;
        }
        switch (method) {
            case "PUT" -> {
                Long declared = in.getHeader("Content-Length", Long.class);
                if (declared != null && declared > accounts.maxUpload()) {
                    throw new BlobTooLargeException(accounts.maxUpload());
                }
                storage.ensureContainer(container);
                BlobInfo info;
                try (InputStream body = in.getBody(InputStream.class)) {
                    info = storage.put(container, name, body == null ? InputStream.nullInputStream() : body,
                            accounts.maxUpload(), in.getHeader(Exchange.CONTENT_TYPE, String.class));
                }
                json(exchange, 201, Map.of("account", storage.account(), "blob", info,
                        "href", storage.href(container, name)));
            }
            case "DELETE" -> {
                if (!storage.delete(container, name)) {
                    throw new BlobNotFoundException(container, name);
                }
                json(exchange, 200, Map.of("deleted", container + "/" + name));
            }
            default -> {
                BlobInfo info = storage.stat(container, name).orElseThrow(() -> new BlobNotFoundException(container, name));
                in.removeHeaders("*");
                in.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                in.setHeader(Exchange.CONTENT_TYPE, info.contentType() == null ? "application/octet-stream" : info.contentType());
                in.setHeader("Content-Length", info.size());
                in.setBody(storage.open(container, name));
            }
        }
    }

    private void json(Exchange exchange, int status, Object body) throws Exception {
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setBody(mapper.writeValueAsString(body));
    }
}
