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

    /**
     * Stores a local file as the blob. The file may be consumed (moved) by the storage: local
     * storage renames it into place instead of copying gigabytes.
     */
    default BlobInfo putFile(String container, String name, java.nio.file.Path file, String contentType) {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return put(container, name, in, Long.MAX_VALUE, contentType);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The blob as a local file, when this storage keeps blobs as files (read-only use); empty otherwise. */
    default java.util.Optional<java.nio.file.Path> localFile(String container, String name) {
        return java.util.Optional.empty();
    }

    /** Reads a blob; the caller closes the stream. */
    InputStream open(String container, String name);

    /** Reads {@code length} bytes of a blob from {@code offset}; the caller closes the stream. */
    default InputStream open(String container, String name, long offset, long length) {
        InputStream in = open(container, name);
        try {
            in.skipNBytes(offset);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new LimitedRead(in, length);
    }

    /** Blobs under {@code prefix} in name order, at most {@code limit}, starting after {@code after} (exclusive, may be null). */
    List<BlobInfo> list(String container, String prefix, String after, int limit);

    boolean delete(String container, String name);

    void ensureContainer(String container);

    boolean containerExists(String container);

    /** Where a client can fetch the blob (an https URL for Azure, the API path for local storage). */
    String href(String container, String name);

    /** The blob an href made by {@link #href} names, if this account made it (any query ignored). */
    default java.util.Optional<BlobRef> blobOf(String href) {
        return java.util.Optional.empty();
    }

    /**
     * A URL a client can read the blob from between {@code start} and {@code expiry} with no other
     * credentials (Azure: the blob URL with a read-only SAS); empty where the account cannot sign one.
     */
    default java.util.Optional<String> readUrl(String container, String name, java.time.OffsetDateTime start,
                                               java.time.OffsetDateTime expiry) {
        return java.util.Optional.empty();
    }
}
