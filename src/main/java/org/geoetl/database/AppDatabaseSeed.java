package org.geoetl.database;

/**
 * Rows the service puts into the app database at start (the local admin key, the built-in curated
 * datasets). Called again after a maintenance rebuild, so a rebuilt database is as a first start
 * leaves it. Must be idempotent.
 */
public interface AppDatabaseSeed {

    /** A short name for the maintenance answer. */
    String seedName();

    void seed();
}
