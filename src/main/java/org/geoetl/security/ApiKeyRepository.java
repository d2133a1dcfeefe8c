package org.geoetl.security;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** app.api_keys: one row per key, holding only its hash. */
@Repository
public class ApiKeyRepository {

    /** A key as admins see it: never the key itself, nor its hash. */
    public record KeyRow(String keyId, String keyPrefix, String owner, Set<Role> roles, String description,
                         String createdBy, Instant createdAt, Instant expiresAt, Instant revokedAt,
                         String revokedBy, Instant lastUsedAt) {
    }

    private static final String COLUMNS = "key_id, key_prefix, owner, roles, description, created_by, created_at,"
            + " expires_at, revoked_at, revoked_by, last_used_at";

    private final NamedParameterJdbcTemplate jdbc;

    public ApiKeyRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(KeyRow row, String keyHash) {
        jdbc.update("INSERT INTO app.api_keys (key_id, key_hash, key_prefix, owner, roles, description, created_by,"
                        + " created_at, expires_at) VALUES (:id, :hash, :prefix, :owner, :roles::text[], :description,"
                        + " :by, :at, :expires)",
                new MapSqlParameterSource("id", row.keyId()).addValue("hash", keyHash)
                        .addValue("prefix", row.keyPrefix()).addValue("owner", row.owner())
                        .addValue("roles", pgArray(row.roles())).addValue("description", row.description())
                        .addValue("by", row.createdBy()).addValue("at", Timestamp.from(row.createdAt()))
                        .addValue("expires", row.expiresAt() == null ? null : Timestamp.from(row.expiresAt())));
    }

    /** The key with this hash, revoked and expired ones included (the caller decides). */
    public Optional<KeyRow> findByHash(String keyHash) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.api_keys WHERE key_hash = :h",
                new MapSqlParameterSource("h", keyHash), ApiKeyRepository::row).stream().findFirst();
    }

    public Optional<KeyRow> find(String keyId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.api_keys WHERE key_id = :id",
                new MapSqlParameterSource("id", keyId), ApiKeyRepository::row).stream().findFirst();
    }

    public List<KeyRow> list(boolean includeRevoked) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app.api_keys"
                        + (includeRevoked ? "" : " WHERE revoked_at IS NULL") + " ORDER BY created_at DESC",
                new MapSqlParameterSource(), ApiKeyRepository::row);
    }

    /** Revokes a live key; false when it does not exist or was revoked already. */
    public boolean revoke(String keyId, String by, Instant at) {
        return jdbc.update("UPDATE app.api_keys SET revoked_at = :at, revoked_by = :by"
                        + " WHERE key_id = :id AND revoked_at IS NULL",
                new MapSqlParameterSource("id", keyId).addValue("by", by).addValue("at", Timestamp.from(at))) == 1;
    }

    /** Records use at most once a minute per key, so a busy script does not write on every call. */
    public void touch(String keyId, Instant at) {
        jdbc.update("UPDATE app.api_keys SET last_used_at = :at WHERE key_id = :id"
                        + " AND (last_used_at IS NULL OR last_used_at < CAST(:at AS timestamptz) - interval '1 minute')",
                new MapSqlParameterSource("id", keyId).addValue("at", Timestamp.from(at)));
    }

    /**
     * Installs the key of this id in one statement (instances starting together cannot collide): a
     * new key text replaces the old one; the same text keeps its row, so a revoked key stays revoked.
     */
    public void upsert(KeyRow row, String keyHash) {
        jdbc.update("INSERT INTO app.api_keys (key_id, key_hash, key_prefix, owner, roles, description, created_by,"
                        + " created_at) VALUES (:id, :hash, :prefix, :owner, :roles::text[], :description, :by, :at)"
                        + " ON CONFLICT (key_id) DO UPDATE SET key_hash = EXCLUDED.key_hash, key_prefix = EXCLUDED.key_prefix,"
                        + " roles = EXCLUDED.roles, created_at = EXCLUDED.created_at, revoked_at = NULL, revoked_by = NULL"
                        + " WHERE app.api_keys.key_hash <> EXCLUDED.key_hash",
                new MapSqlParameterSource("id", row.keyId()).addValue("hash", keyHash)
                        .addValue("prefix", row.keyPrefix()).addValue("owner", row.owner())
                        .addValue("roles", pgArray(row.roles())).addValue("description", row.description())
                        .addValue("by", row.createdBy()).addValue("at", Timestamp.from(row.createdAt())));
    }

    private static String pgArray(Set<Role> roles) {
        return roles.stream().map(Role::id).sorted().collect(Collectors.joining(",", "{", "}"));
    }

    private static KeyRow row(ResultSet rs, int n) throws SQLException {
        Array roles = rs.getArray("roles");
        Set<Role> parsed = Arrays.stream((String[]) roles.getArray()).map(Role::parse)
                .flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());
        return new KeyRow(rs.getString("key_id"), rs.getString("key_prefix"), rs.getString("owner"), parsed,
                rs.getString("description"), rs.getString("created_by"), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "revoked_at"), rs.getString("revoked_by"),
                instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
