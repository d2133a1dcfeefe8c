package org.geoetl.storage;

/** A blob by its container and name (as an href of an account names it). */
public record BlobRef(String container, String name) {
}
