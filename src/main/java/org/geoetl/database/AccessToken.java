package org.geoetl.database;

import java.time.Instant;

/** A bearer token and when it stops being accepted. toString never shows the token. */
public record AccessToken(String value, Instant expiresAt) {

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + "]";
    }
}
