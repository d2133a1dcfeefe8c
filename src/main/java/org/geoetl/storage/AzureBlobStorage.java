package org.geoetl.storage;

import com.azure.core.util.Context;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Azure Blob Storage (or Azurite) through the Azure SDK: a connection string, or managed identity
 * (DefaultAzureCredential) on an endpoint. Block-blob uploads commit atomically.
 */
public class AzureBlobStorage implements BlobStorage {

    private final String account;
    private final BlobServiceClient service;
    private final AzureSas sas;

    public AzureBlobStorage(String account, String connectionString, String endpoint) {
        this.account = account;
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
        if (connectionString != null && !connectionString.isBlank()) {
            builder.connectionString(connectionString);
        } else {
            builder.endpoint(endpoint).credential(new DefaultAzureCredentialBuilder().build());
        }
        this.service = builder.buildClient();
        this.sas = new AzureSas(service, connectionString == null || connectionString.isBlank() ? AzureSas.Signer.IDENTITY
                : connectionString.contains("AccountKey=") ? AzureSas.Signer.ACCOUNT_KEY : AzureSas.Signer.NONE);
    }

    @Override
    public String account() {
        return account;
    }

    private BlobClient blob(String container, String name) {
        return service.getBlobContainerClient(BlobNames.container(container)).getBlobClient(BlobNames.blob(name));
    }

    @Override
    public Optional<BlobInfo> stat(String container, String name) {
        try {
            BlobProperties p = blob(container, name).getProperties();
            return Optional.of(new BlobInfo(container, name, p.getBlobSize(), p.getLastModified(), p.getContentType(),
                    quoted(p.getETag())));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Azure sends its ETags quoted, Azurite and some SDK paths bare; HTTP needs the quotes. */
    static String quoted(String etag) {
        return etag == null || etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }

    @Override
    public BlobInfo put(String container, String name, InputStream content, long maxBytes, String contentType) {
        BlobClient client = blob(container, name);
        BlobParallelUploadOptions options = new BlobParallelUploadOptions(new LimitedInputStream(content, maxBytes));
        if (contentType != null) {
            options.setHeaders(new BlobHttpHeaders().setContentType(contentType));
        }
        client.uploadWithResponse(options, Duration.ofMinutes(30), Context.NONE);
        return stat(container, name).orElseThrow();
    }

    @Override
    public InputStream open(String container, String name) {
        BlobClient client = blob(container, name);
        try {
            return client.openInputStream();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                throw new BlobNotFoundException(container, name);
            }
            throw e;
        }
    }

    /** A ranged download: only these bytes leave the account. */
    @Override
    public InputStream open(String container, String name, long offset, long length) {
        try {
            return blob(container, name).openInputStream(new com.azure.storage.blob.models.BlobRange(offset, length), null);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                throw new BlobNotFoundException(container, name);
            }
            throw e;
        }
    }

    @Override
    public List<BlobInfo> list(String container, String prefix, String after, int limit) {
        BlobContainerClient c = service.getBlobContainerClient(BlobNames.container(container));
        if (!c.exists()) {
            return List.of();
        }
        List<BlobInfo> out = new ArrayList<>();
        for (BlobItem item : c.listBlobs(new ListBlobsOptions().setPrefix(prefix).setMaxResultsPerPage(1000), null)) {
            if (after != null && item.getName().compareTo(after) <= 0) {
                continue;
            }
            out.add(new BlobInfo(container, item.getName(), item.getProperties().getContentLength(),
                    item.getProperties().getLastModified(), item.getProperties().getContentType(),
                    quoted(item.getProperties().getETag())));
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    @Override
    public boolean delete(String container, String name) {
        return blob(container, name).deleteIfExists();
    }

    @Override
    public void ensureContainer(String container) {
        service.getBlobContainerClient(BlobNames.container(container)).createIfNotExists();
    }

    @Override
    public boolean containerExists(String container) {
        return service.getBlobContainerClient(BlobNames.container(container)).exists();
    }

    @Override
    public String href(String container, String name) {
        // the SDK's blob URL encodes '/' as %2F; keep the folders readable, encode each segment
        StringBuilder url = new StringBuilder(service.getBlobContainerClient(BlobNames.container(container))
                .getBlobContainerUrl());
        for (String segment : BlobNames.blob(name).split("/")) {
            url.append('/').append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return url.toString();
    }

    @Override
    public Optional<BlobRef> blobOf(String href) {
        String base = service.getAccountUrl().replaceAll("/+$", "") + "/";
        if (!href.startsWith(base)) {
            return Optional.empty();
        }
        String rest = href.substring(base.length()).replaceFirst("[?#].*$", "");
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new BlobRef(rest.substring(0, slash),
                java.net.URLDecoder.decode(rest.substring(slash + 1), java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override
    public Optional<String> readUrl(String container, String name, java.time.OffsetDateTime start,
                                    java.time.OffsetDateTime expiry) {
        return sas.token(blob(container, name), start, expiry).map(token -> href(container, name) + "?" + token);
    }
}
