package org.geoetl.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC on the test database, for tests that run the service as a separate process. */
public final class Database {

    /**
     * The test database: geoetl_test, or GEOETL_TEST_DB when set (lets several working copies on one
     * machine test side by side without sharing a migration history).
     */
    public static final String NAME = System.getenv().getOrDefault("GEOETL_TEST_DB", "geoetl_test");

    public static final String URL = "jdbc:postgresql://localhost:5432/" + NAME;

    private Database() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "geoetl", "geoetl");
    }

    public static long count(String sql, Object... args) {
        String value = text(sql, args);
        return value == null ? 0 : Long.parseLong(value);
    }

    public static String text(String sql, Object... args) {
        for (int attempt = 0; ; attempt++) {
            try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            } catch (SQLException e) {
                if (attempt >= 60) {
                    throw new IllegalStateException(e);
                }
                sleep(); // the database may be restarting in the test that restarts it
            }
        }
    }

    /** The first two columns of every row, as key → value. */
    public static java.util.Map<String, String> pairs(String sql, Object... args) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
