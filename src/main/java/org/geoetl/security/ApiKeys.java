package org.geoetl.security;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * API keys for scripts and service clients: created and revoked by admins, shown once, stored
 * only as hashes. A key authenticates as its owner with its roles until it expires or is revoked.
 */
@Component("apiKeys")
public class ApiKeys {

    /** Why a presented key was refused; each answers 401 with this text. */
    public enum Refusal {
        UNKNOWN("invalid API key"), REVOKED("API key revoked"), EXPIRED("API key expired");

        public final String message;

        Refusal(String message) {
            this.message = message;
        }
    }

    /** The outcome of presenting a key: a caller, or why not. */
    public record Check(Caller caller, Refusal refusal) {
    }

    private final ApiKeyRepository keys;
    private final Clock clock;

    public ApiKeys(ApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** Creates a key; the returned map holds the key itself, which is never shown again. */
    public Map<String, Object> create(String owner, Set<Role> roles, String description, Instant expiresAt,
                                      String createdBy) {
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new KeyRequestException("expires_at must be in the future");
        }
        ApiKeyFormat.NewKey k = ApiKeyFormat.generate();
        ApiKeyRepository.KeyRow row = new ApiKeyRepository.KeyRow(k.keyId(), k.prefix(), owner, roles, description,
                createdBy, now, expiresAt, null, null, null);
        keys.insert(row, ApiKeyFormat.hash(k.key()));
        Map<String, Object> out = view(row);
        out.put("key", k.key());
        out.put("note", "store this key now: it is shown only once");
        return out;
    }

    /** Installs a key whose text is given (the local admin key from its file), replacing an older one. */
    public void install(String keyId, String key, String owner, Set<Role> roles, String description) {
        if (!ApiKeyFormat.looksLikeKey(key)) {
            throw new IllegalArgumentException("not a GeoETL API key (expected geoetl_<12>_<43>)");
        }
        keys.upsert(new ApiKeyRepository.KeyRow(keyId, key.substring(0, ApiKeyFormat.PREFIX.length() + 16), owner,
                roles, description, "setup", clock.instant(), null, null, null, null), ApiKeyFormat.hash(key));
    }

    public boolean revoked(String keyId) {
        return keys.find(keyId).map(r -> r.revokedAt() != null).orElse(false);
    }

    public Check authenticate(String key) {
        if (!ApiKeyFormat.looksLikeKey(key)) {
            return new Check(null, Refusal.UNKNOWN);
        }
        ApiKeyRepository.KeyRow row = keys.findByHash(ApiKeyFormat.hash(key)).orElse(null);
        Instant now = clock.instant();
        if (row == null) {
            return new Check(null, Refusal.UNKNOWN);
        }
        if (row.revokedAt() != null) {
            return new Check(null, Refusal.REVOKED);
        }
        if (row.expiresAt() != null && !row.expiresAt().isAfter(now)) {
            return new Check(null, Refusal.EXPIRED);
        }
        if (row.lastUsedAt() == null || row.lastUsedAt().isBefore(now.minusSeconds(60))) {
            keys.touch(row.keyId(), now); // at most once a minute: no write on every request
        }
        return new Check(new Caller(row.owner(), Caller.Kind.API_KEY, Role.effective(row.roles()), row.keyId()), null);
    }

    public List<Map<String, Object>> list(boolean includeRevoked) {
        return keys.list(includeRevoked).stream().map(ApiKeys::view).toList();
    }

    public Map<String, Object> revoke(String keyId, String by) {
        ApiKeyRepository.KeyRow row = keys.find(keyId).orElseThrow(() -> new org.geoetl.error.GeoEtlException(404, "no API key " + keyId));
        if (row.revokedAt() == null) {
            keys.revoke(keyId, by, clock.instant());
        }
        return view(keys.find(keyId).orElseThrow());
    }

    private static Map<String, Object> view(ApiKeyRepository.KeyRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key_id", r.keyId());
        m.put("key_prefix", r.keyPrefix());
        m.put("owner", r.owner());
        m.put("roles", r.roles().stream().map(Role::id).sorted().toList());
        m.put("description", r.description());
        m.put("created_by", r.createdBy());
        m.put("created_at", r.createdAt());
        m.put("expires_at", r.expiresAt());
        m.put("revoked_at", r.revokedAt());
        m.put("revoked_by", r.revokedBy());
        m.put("last_used_at", r.lastUsedAt());
        return m;
    }

    /** A malformed key request (400). */
    public static class KeyRequestException extends org.geoetl.error.GeoEtlException {
        public KeyRequestException(String message) {
            super(400, message);
        }
    }
}
