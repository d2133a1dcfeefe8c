package org.geoetl.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The admin API of keys: reads request bodies, checks them, and records the admin calling as
 * the creator or revoker.
 */
@Component("apiKeyRequests")
public class ApiKeyRequests {

    private static final Pattern OWNER = Pattern.compile("[\\p{L}\\p{N} ._@+:/-]{1,200}");

    private final ApiKeys keys;
    private final Callers callers;
    private final ObjectMapper mapper;
    private final java.time.Clock clock;

    public ApiKeyRequests(ApiKeys keys, Callers callers, ObjectMapper mapper, java.time.Clock clock) {
        this.keys = keys;
        this.callers = callers;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** {@code {"owner", "roles": [...], "description"?, "expires_at"? | "expires_in"? (ISO-8601 duration)}}. */
    public Map<String, Object> create(String body) {
        JsonNode b = read(body);
        String owner = b.path("owner").asText("");
        if (!OWNER.matcher(owner).matches()) {
            throw new ApiKeys.KeyRequestException("owner is required: 1-200 letters, digits, spaces or . _ @ + : / -");
        }
        String description = b.path("description").asText(null);
        if (description != null && description.length() > 500) {
            throw new ApiKeys.KeyRequestException("description is longer than 500 characters");
        }
        return keys.create(owner, roles(b.path("roles")), description, expiry(b), callers.name());
    }

    public List<Map<String, Object>> list(String includeRevoked) {
        return keys.list("true".equalsIgnoreCase(includeRevoked));
    }

    public Map<String, Object> revoke(String keyId) {
        return keys.revoke(keyId, callers.name());
    }

    private static Set<Role> roles(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw new ApiKeys.KeyRequestException("roles is required: a list of reader, submitter, approver, operator, admin");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (JsonNode r : node) {
            roles.add(Role.parse(r.asText()).filter(x -> r.isTextual()).orElseThrow(() ->
                    new ApiKeys.KeyRequestException("unknown role '" + abbreviate(r.asText())
                            + "': use reader, submitter, approver, operator or admin")));
        }
        return roles;
    }

    private Instant expiry(JsonNode b) {
        try {
            if (b.hasNonNull("expires_at")) {
                return OffsetDateTime.parse(b.get("expires_at").asText()).toInstant();
            }
            if (b.hasNonNull("expires_in")) {
                return clock.instant().plus(Duration.parse(b.get("expires_in").asText()));
            }
            return null;
        } catch (DateTimeException | ArithmeticException e) {
            throw new ApiKeys.KeyRequestException("expires_at must be an ISO-8601 time with offset"
                    + " (2027-01-31T00:00:00Z), expires_in an ISO-8601 duration (P90D)");
        }
    }

    private JsonNode read(String body) {
        try {
            JsonNode n = mapper.readTree(body == null || body.isBlank() ? "{}" : body);
            if (n == null || !n.isObject()) {
                throw new ApiKeys.KeyRequestException("the body must be a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiKeys.KeyRequestException("the body is not valid JSON");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
