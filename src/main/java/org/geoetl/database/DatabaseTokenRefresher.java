package org.geoetl.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the connection pool's password an unexpired Entra token. PostgreSQL checks a token only
 * when a connection logs in, so a connection opened with an older token stays valid; a refresh
 * sets the new token as the pool's password (HikariConfigMXBean, honoured at runtime by new
 * connections) and soft-evicts the pool: idle connections close at once, connections in use close
 * when they are handed back. In-flight work keeps its connection; the pool refills with the new token.
 * A failed refresh keeps the current token and is tried again at the next check.
 */
public final class DatabaseTokenRefresher {

    private static final Logger log = LoggerFactory.getLogger(DatabaseTokenRefresher.class);

    private final TokenSource source;
    private final Clock clock;
    private final Duration refreshBefore;
    private final HikariDataSource pool;
    private volatile AccessToken current;

    public DatabaseTokenRefresher(TokenSource source, Clock clock, Duration refreshBefore, HikariDataSource pool) {
        this.source = source;
        this.clock = clock;
        this.refreshBefore = refreshBefore;
        this.pool = pool;
    }

    /** Fetches a token when there is none or the current one is within refresh-before of expiry; true when replaced. */
    public synchronized boolean refreshIfDue() {
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.expiresAt().minus(refreshBefore))) {
            return false;
        }
        AccessToken next;
        try {
            next = source.fetch();
            if (!next.expiresAt().isAfter(now.plus(refreshBefore))) {
                throw new IllegalStateException("the identity provider issued a token that expires at " + next.expiresAt()
                        + ", within geoetl.database.entra.refresh-before");
            }
        } catch (RuntimeException e) {
            if (current == null) {
                throw new IllegalStateException("no Entra token for the database: " + e.getMessage(), e);
            }
            log.warn("database token refresh failed; the current token expires at {}: {}", current.expiresAt(), e.getMessage());
            return false;
        }
        pool.getHikariConfigMXBean().setPassword(next.value());
        HikariPoolMXBean running = pool.getHikariPoolMXBean();
        if (running != null) {
            running.softEvictConnections();
        }
        current = next;
        log.info("database token replaced; it expires at {}", next.expiresAt());
        return true;
    }

    public Optional<Instant> expiresAt() {
        AccessToken token = current;
        return token == null ? Optional.empty() : Optional.of(token.expiresAt());
    }
}
