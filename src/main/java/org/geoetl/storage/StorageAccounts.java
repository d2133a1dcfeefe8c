package org.geoetl.storage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.springframework.stereotype.Component;

/**
 * The configured storage accounts by name (geoetl.storage.accounts.*), and the container
 * allow-list every request and job parameter is checked against.
 */
@Component
public class StorageAccounts {

    private final Map<String, BlobStorage> accounts = new LinkedHashMap<>();
    private final GeoEtlProperties.Storage config;

    public StorageAccounts(GeoEtlProperties properties) {
        this.config = properties.storage();
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

    /** Checks that a container is one of the configured zones' containers. */
    public String allowedContainer(String container) {
        BlobNames.container(container);
        if (!config.containers().contains(container)) {
            throw new InvalidBlobNameException("container '" + container + "' is not one of " + config.containers()
                    + " (geoetl.storage.containers)");
        }
        return container;
    }

    public long maxUpload() {
        return config.maxUpload().toBytes();
    }
}
