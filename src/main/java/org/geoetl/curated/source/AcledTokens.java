package org.geoetl.curated.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.net.OutboundResponse;

/**
 * ACLED's OAuth tokens, kept in memory per client: a password grant (ACLED_EMAIL, ACLED_PASSWORD,
 * client_id=acled) on first use, a refresh-token grant when the token has expired or a call was
 * refused, a fresh password grant when the refresh is refused. The credentials go in the POST body
 * only, never in a URL. Shared by the threads using one client, hence synchronized.
 */
final class AcledTokens {

    /** How a token was obtained; a refused token from a refresh still deserves one password grant. */
    enum Grant { PASSWORD, REFRESH }

    /** A bearer token and when to stop using it. */
    record Token(String access, String refresh, Instant expiresAt, Grant grant) {
        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + ", grant=" + grant + "]"; // the default would print the secrets
        }
    }

    /* OAuth2: invalid_grant and invalid_client are 400; some servers answer 401 */
    private static final Set<Integer> REFUSED = Set.of(400, 401);
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    private static final Duration MAX_SKEW = Duration.ofSeconds(60);

    private final RetryingHttp http;
    private final URI tokenUri;
    private final SourceApi api;
    private final ObjectMapper mapper;
    private final Clock clock;
    private Token current;

    AcledTokens(RetryingHttp http, URI tokenUri, SourceApi api, ObjectMapper mapper, Clock clock) {
        this.http = http;
        this.tokenUri = tokenUri;
        this.api = api;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A token believed valid: the kept one, refreshed once expired, or a new one. */
    synchronized Token valid() {
        if (current == null) {
            current = passwordGrant();
        } else if (!clock.instant().isBefore(current.expiresAt())) {
            current = refreshOrPassword();
        }
        return current;
    }

    /** After {@code refused} was answered 401: a refreshed token (unless another thread already replaced it). */
    synchronized Token renew(Token refused) {
        if (current != null && !current.access().equals(refused.access())) {
            return current;
        }
        current = refreshOrPassword();
        return current;
    }

    /** A token from a new password grant, whatever is kept. */
    synchronized Token fresh() {
        current = passwordGrant();
        return current;
    }

    private Token refreshOrPassword() {
        if (current == null || current.refresh() == null) {
            return passwordGrant();
        }
        OutboundResponse answer = request(Map.of("grant_type", "refresh_token", "refresh_token", current.refresh(),
                "client_id", "acled"));
        return REFUSED.contains(answer.status()) ? passwordGrant() : token(answer, Grant.REFRESH);
    }

    private Token passwordGrant() {
        Map<String, String> credentials = api.credentials();
        OutboundResponse answer = request(Map.of("username", credentials.get("ACLED_EMAIL"),
                "password", credentials.get("ACLED_PASSWORD"), "grant_type", "password", "client_id", "acled"));
        if (REFUSED.contains(answer.status())) {
            throw RetryingHttp.credentialsRefused(api, answer.status());
        }
        return token(answer, Grant.PASSWORD);
    }

    private OutboundResponse request(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return http.post(api, tokenUri, Map.of("Accept", "application/json"), body.getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", REFUSED);
    }

    private Token token(OutboundResponse answer, Grant grant) {
        JsonNode json;
        try {
            json = mapper.readTree(answer.body());
        } catch (IOException e) {
            throw new PermanentTaskException("ACLED's token answer is not JSON");
        }
        String access = AcledRows.text(json, "access_token");
        if (access == null) {
            throw new PermanentTaskException("ACLED's token answer has no access_token");
        }
        JsonNode seconds = json.path("expires_in");
        Duration lifetime = seconds.canConvertToLong() || seconds.asText().matches("\\d{1,9}")
                ? Duration.ofSeconds(seconds.asLong()) : DEFAULT_LIFETIME;
        // stop using a token a little before it expires, so none expires on the way to the server
        Duration skew = lifetime.dividedBy(10).compareTo(MAX_SKEW) > 0 ? MAX_SKEW : lifetime.dividedBy(10);
        return new Token(access, AcledRows.text(json, "refresh_token"), clock.instant().plus(lifetime).minus(skew), grant);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
