package org.geoetl.storage;

/** How the STAC API renders an asset href that points at an Azure blob (geoetl.storage.asset-hrefs). */
public enum AssetHrefMode {
    /** The blob URL as stored: clients read it with their own identity (or the container is public). */
    BLOB,
    /** This service's storage API ({@code /api/storage/{container}/{blob}}): clients read with their service credentials. */
    PROXY,
    /** The blob URL with a short-lived read-only SAS (account key, or a user delegation key with Entra identity). */
    BLOB_SAS
}
