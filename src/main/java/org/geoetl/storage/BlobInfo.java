package org.geoetl.storage;

import java.time.OffsetDateTime;

/**
 * What a storage knows about one blob. {@code etag} is a strong validator in quotes (Azure's own;
 * locally derived from size and modification time, which every atomic write changes).
 */
public record BlobInfo(String container, String name, long size, OffsetDateTime lastModified, String contentType,
                       String etag) {
}
