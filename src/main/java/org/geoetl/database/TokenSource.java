package org.geoetl.database;

/** Where database tokens come from: the identity provider (Entra ID), replaced in tests. */
public interface TokenSource {

    /** A fresh token; throws when the identity provider does not issue one. */
    AccessToken fetch();
}
