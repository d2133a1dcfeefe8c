package org.geoetl.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import org.geoetl.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token rotation on a real pool and a real PostgreSQL login: the role's password plays the
 * token (PostgreSQL, like Azure's Entra check, verifies it only at login). A connection in use
 * during the refresh finishes its transaction; new connections log in with the new token; the
 * old connection is closed when it is handed back.
 */
class TokenRotationIT {

    private static final String URL = "jdbc:postgresql://localhost:5432/geoetl_test";
    private final String role = "token_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final MutableClock clock = new MutableClock(Instant.now());
    private final Deque<AccessToken> issued = new ArrayDeque<>();
    private HikariDataSource pool;

    @BeforeEach
    void role() throws Exception {
        superuser("CREATE ROLE " + role + " LOGIN PASSWORD 'token-1'");
        pool = new HikariDataSource();
        pool.setJdbcUrl(URL);
        pool.setUsername(role);
        pool.setMaximumPoolSize(3);
    }

    @AfterEach
    void drop() throws Exception {
        pool.close();
        superuser("DROP ROLE IF EXISTS " + role);
    }

    @Test
    void inFlightWorkSurvivesARotationAndNewConnectionsUseTheNewToken() throws Exception {
        issued.add(new AccessToken("token-1", clock.instant().plus(Duration.ofMinutes(60))));
        DatabaseTokenRefresher refresher = new DatabaseTokenRefresher(issued::remove, clock, Duration.ofMinutes(10), pool);
        refresher.refreshIfDue();
        Connection inFlight = pool.getConnection();
        inFlight.setAutoCommit(false);
        assertThat(query(inFlight, "SELECT current_user")).isEqualTo(role);
        String oldBackend = query(inFlight, "SELECT pg_backend_pid()::text");

        // the identity provider rotates: the old token stops being accepted at login
        superuser("ALTER ROLE " + role + " PASSWORD 'token-2'");
        issued.add(new AccessToken("token-2", clock.instant().plus(Duration.ofMinutes(120))));
        clock.advance(Duration.ofMinutes(51));
        assertThat(refresher.refreshIfDue()).isTrue();

        assertThat(query(inFlight, "SELECT 'still in its transaction'")).isEqualTo("still in its transaction");
        inFlight.commit();
        try (Connection fresh = pool.getConnection()) {
            assertThat(query(fresh, "SELECT current_user")).isEqualTo(role);
        }
        inFlight.close();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).alias("the old connection closes once handed back")
                .until(() -> {
                    try (Connection c = pool.getConnection()) {
                        return "0".equals(query(c, "SELECT count(*)::text FROM pg_stat_activity WHERE pid = " + oldBackend));
                    }
                });
        assertThatThrownBy(() -> DriverManager.getConnection(URL, role, "token-1").close())
                .as("the old token no longer logs in").isInstanceOf(SQLException.class);
        try (Connection c = DriverManager.getConnection(URL, role, "token-2")) {
            assertThat(c.isValid(2)).isTrue();
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    /** Roles are created by the postgres superuser over its local socket, as make setup does. */
    private static void superuser(String sql) throws Exception {
        Process p = new ProcessBuilder("runuser", "-u", "postgres", "--", "psql", "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
