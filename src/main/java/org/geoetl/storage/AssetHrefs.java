package org.geoetl.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.geoetl.config.GeoEtlProperties;
import org.springframework.stereotype.Component;

/**
 * The href a client gets for a stored asset href, by its account's {@code asset-hrefs} mode: an
 * Azure blob URL as stored ({@code blob}), through this service's storage API ({@code proxy}), or
 * with a read-only SAS valid for {@code geoetl.storage.sas-lifetime} ({@code blob-sas}). Only the
 * rendered document changes — a SAS is never stored — and any other href is left as it is.
 */
@Component
public class AssetHrefs {

    private final StorageAccounts accounts;
    private final GeoEtlProperties.Storage config;
    private final String publicUrl;
    private final Clock clock;

    public AssetHrefs(StorageAccounts accounts, GeoEtlProperties properties, Clock clock) {
        this.accounts = accounts;
        this.config = properties.storage();
        this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
        this.clock = clock;
    }

    public String render(String href) {
        if (href == null || !href.startsWith("http")) {
            return href;
        }
        for (BlobStorage storage : accounts.all()) {
            Optional<BlobRef> blob = storage.blobOf(href);
            if (blob.isPresent()) {
                return render(storage, blob.get(), href);
            }
        }
        return href;
    }

    /**
     * The href to store for one a client sends back (it read the item, changed it and wrote it):
     * an Azure blob URL without its SAS, a proxied Azure blob as its blob URL; others unchanged.
     */
    public String stored(String href) {
        if (href == null || !href.startsWith("http")) {
            return href;
        }
        for (BlobStorage storage : accounts.all()) {
            Optional<BlobRef> blob = storage.blobOf(href);
            if (blob.isPresent()) {
                return storage.href(blob.get().container(), blob.get().name());
            }
        }
        String proxied = publicUrl + "/api/storage/";
        int q = href.indexOf("?account=");
        if (href.startsWith(proxied) && q > 0) {
            String account = href.substring(q + "?account=".length());
            String path = href.substring(proxied.length(), q);
            int slash = path.indexOf('/');
            Optional<BlobStorage> storage = accounts.all().stream().filter(a -> a.account().equals(account)
                    && config.assetHrefs(account) == AssetHrefMode.PROXY).findFirst();
            if (storage.isPresent() && slash > 0) {
                return storage.get().href(path.substring(0, slash), java.net.URLDecoder.decode(path.substring(slash + 1),
                        StandardCharsets.UTF_8));
            }
        }
        return href;
    }

    /** Every asset href of a STAC document a client wrote, as the catalog keeps it ({@link #stored(String)}). */
    public void storeHrefs(com.fasterxml.jackson.databind.JsonNode doc) {
        doc.path("assets").forEach(a -> {
            if (a instanceof com.fasterxml.jackson.databind.node.ObjectNode asset && asset.path("href").isTextual()) {
                asset.put("href", stored(asset.get("href").asText()));
            }
        });
    }

    private String render(BlobStorage storage, BlobRef blob, String href) {
        return switch (config.assetHrefs(storage.account())) {
            case BLOB -> href;
            case PROXY -> proxy(storage.account(), blob);
            case BLOB_SAS -> {
                OffsetDateTime now = OffsetDateTime.now(clock);
                yield storage.readUrl(blob.container(), blob.name(), now, now.plus(config.sasLifetime())).orElse(href);
            }
        };
    }

    /** {@code <public-url>/api/storage/<container>/<blob>}, each folder encoded, and the account unless it is the default. */
    String proxy(String account, BlobRef blob) {
        StringBuilder url = new StringBuilder(publicUrl).append("/api/storage/").append(blob.container());
        for (String segment : blob.name().split("/")) {
            url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return account.equals(config.defaultAccount()) ? url.toString() : url + "?account=" + account;
    }
}
