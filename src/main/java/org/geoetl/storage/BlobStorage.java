package org.geoetl.storage;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * One storage account: local filesystem or Azure Blob. Names are validated by {@link BlobNames}
 * before any call reaches the backend. Writes are atomic: a reader sees the old blob or the whole
 * new one, never a part.
 */
public interface BlobStorage {

    /** The account's name in configuration (geoetl.storage.accounts.*). */
    String account();

    Optional<BlobInfo> stat(String container, String name);

    default boolean exists(String container, String name) {
        return stat(container, name).isPresent();
    }

    /** Stores the stream as the blob, replacing it; at most {@code maxBytes} are accepted. */
    BlobInfo put(String container, String name, InputStream content, long maxBytes, String contentType);

    /** Reads a blob; the caller closes the stream. */
    InputStream open(String container, String name);

    /** Blobs under {@code prefix} in name order, at most {@code limit}, starting after {@code after} (exclusive, may be null). */
    List<BlobInfo> list(String container, String prefix, String after, int limit);

    boolean delete(String container, String name);

    void ensureContainer(String container);

    /** Where a client can fetch the blob (an https URL for Azure, the API path for local storage). */
    String href(String container, String name);
}
