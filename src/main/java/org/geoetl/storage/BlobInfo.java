package org.geoetl.storage;

import java.time.OffsetDateTime;

/** What a storage knows about one blob. */
public record BlobInfo(String container, String name, long size, OffsetDateTime lastModified, String contentType) {
}
