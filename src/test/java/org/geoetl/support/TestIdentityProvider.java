package org.geoetl.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OpenID provider standing in for Microsoft Entra ID: serves its signing keys at
 * {@code /keys} and signs RS256 tokens shaped like Entra's (iss, aud, roles, preferred_username or,
 * for a managed identity, only azp/oid). One per test JVM.
 */
public final class TestIdentityProvider {

    public static final String AUDIENCE = "api://geoetl-test";
    private static TestIdentityProvider instance;

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey otherKey;
    private final AtomicInteger keyFetches = new AtomicInteger();

    private TestIdentityProvider() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/keys", exchange -> {
            keyFetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
    }

    public static synchronized TestIdentityProvider get() {
        if (instance == null) {
            try {
                instance = new TestIdentityProvider();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/tenant/v2.0";
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/keys";
    }

    /** A person's token with these app roles (Entra puts them in the roles claim). */
    public String token(String user, List<String> roles) {
        return sign(key, Map.of("oid", user, "preferred_username", user + "@example.org", "roles", roles), issuer(),
                AUDIENCE, Duration.ofMinutes(10));
    }

    /** A managed identity's token: no user name, only the client and object ids. */
    public String managedIdentityToken(String clientId, List<String> roles) {
        return sign(key, Map.of("azp", clientId, "oid", "oid-" + clientId, "roles", roles), issuer(), AUDIENCE,
                Duration.ofMinutes(10));
    }

    public String expiredToken(String user, List<String> roles) {
        return sign(key, Map.of("preferred_username", user, "roles", roles), issuer(), AUDIENCE, Duration.ofMinutes(-5));
    }

    public String tokenForAudience(String user, List<String> roles, String audience) {
        return sign(key, Map.of("preferred_username", user, "roles", roles), issuer(), audience, Duration.ofMinutes(10));
    }

    public String tokenFromIssuer(String user, List<String> roles, String issuer) {
        return sign(key, Map.of("preferred_username", user, "roles", roles), issuer, AUDIENCE, Duration.ofMinutes(10));
    }

    /** Same key id, different key: a forged signature. */
    public String forgedToken(String user, List<String> roles) {
        return sign(otherKey, Map.of("preferred_username", user, "roles", roles), issuer(), AUDIENCE, Duration.ofMinutes(10));
    }

    private static String sign(RSAKey with, Map<String, Object> claims, String issuer, String audience, Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(issuer).audience(audience)
                .subject("sub-" + claims.getOrDefault("preferred_username", claims.get("azp")))
                .issueTime(Date.from(now.minusSeconds(60))).notBeforeTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(ttl)));
        claims.forEach(b::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), b.build());
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
