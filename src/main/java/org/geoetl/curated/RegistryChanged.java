package org.geoetl.curated;

/** A registry entry was created, replaced, enabled, disabled or deleted through this instance. */
public record RegistryChanged(String datasetId) {
}
