package org.geoetl.storage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.springframework.stereotype.Component;

/**
 * The configured storage accounts by name (geoetl.storage.accounts.*), and the zone every
 * container of a request or job parameter must belong to (geoetl.storage.zones).
 */
@Component
public class StorageAccounts {

    private final Map<String, BlobStorage> accounts = new LinkedHashMap<>();
    private final GeoEtlProperties.Storage config;
    private final StorageZones zones;

    public StorageAccounts(GeoEtlProperties properties) {
        this.config = properties.storage();
        this.zones = new StorageZones(config.zones());
        config.accounts().forEach((name, a) -> accounts.put(name, switch (a.type()) {
            case "local" -> new LocalBlobStorage(name, Path.of(a.root()), properties.publicUrl() + "/api/storage/",
                    name.equals(config.defaultAccount()) ? "" : "?account=" + name);
            case "azure" -> new AzureBlobStorage(name, a.connectionString(), a.endpoint());
            default -> throw new IllegalStateException("storage account " + name + ": type must be local or azure");
        }));
        if (!accounts.containsKey(config.defaultAccount())) {
            throw new IllegalStateException("geoetl.storage.default-account '" + config.defaultAccount()
                    + "' is not among geoetl.storage.accounts " + accounts.keySet());
        }
    }

    /** The account by name (null or blank: the default account). */
    public BlobStorage get(String account) {
        String name = account == null || account.isBlank() ? config.defaultAccount() : account;
        BlobStorage storage = accounts.get(name);
        if (storage == null) {
            throw new InvalidBlobNameException("unknown storage account '" + name + "' (configured: " + accounts.keySet() + ")");
        }
        return storage;
    }

    /** Every configured account. */
    public java.util.Collection<BlobStorage> all() {
        return java.util.Collections.unmodifiableCollection(accounts.values());
    }

    /** The account whose href for this blob is {@code href} (where a catalog row says it lives); else the default. */
    public BlobStorage forHref(String container, String blob, String href) {
        return accounts.values().stream().filter(s -> s.href(container, blob).equals(href)).findFirst()
                .orElseGet(() -> get(null));
    }

    /** Checks that a container name is valid and belongs to a zone (a 400 otherwise); returns it. */
    public String allowedContainer(String container) {
        zones.of(container);
        return container;
    }

    /** The container's zone (a 400 for an invalid name or a container no zone claims). */
    public StorageZone zone(String container) {
        return zones.of(container);
    }

    /** Whether a submitter may upload into this container (its zone is an upload zone). */
    public boolean uploadAllowed(String container) {
        return zones.find(container).map(z -> config.uploadZones().contains(z.id())).orElse(false);
    }

    /** Whether jobs may write outputs into this container's zone. */
    public boolean outputAllowed(String container) {
        return config.outputZones().contains(zone(container).id());
    }

    /** Whether this container's zone holds published content. */
    public boolean published(String container) {
        return config.publishedZones().contains(zone(container).id());
    }

    public long maxUpload() {
        return config.maxUpload().toBytes();
    }
}
