package org.geoetl.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.TestIdentityProvider;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** API keys through their life, OIDC tokens of every kind, and the audit trail they leave. */
class KeysTokensAndAuditIT extends EngineTestSupport {

    private ResponseEntity<JsonNode> createKey(String body, HttpHeaders auth) {
        auth.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/api/admin/api-keys", new HttpEntity<>(body, auth), JsonNode.class);
    }

    private int statusWithKey(String key) {
        return http.exchange("/api/jobs", HttpMethod.GET, new HttpEntity<>(as(key)), JsonNode.class).getStatusCode().value();
    }

    private ResponseEntity<JsonNode> getWithToken(String path, String token) {
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(h), JsonNode.class);
    }

    @Test
    void aKeyIsShownOnceStoredAsAHashUsableUntilRevokedAndSentEitherWay() {
        String owner = "script-" + unique().substring(0, 8);
        ResponseEntity<JsonNode> created = createKey("{\"owner\": \"" + owner + "\", \"roles\": [\"reader\"],"
                + " \"description\": \"nightly export\"}", new HttpHeaders());
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String key = created.getBody().path("key").asText();
        String keyId = created.getBody().path("key_id").asText();
        assertThat(key).matches(ApiKeyFormat.ANYWHERE.pattern());

        // only the hash is stored; no column holds the key
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM app.api_keys WHERE key_id = ?", keyId);
        assertThat(row.get("key_hash")).isEqualTo(ApiKeyFormat.hash(key));
        assertThat(row.values()).noneMatch(v -> v != null && v.toString().contains(key.substring(20)));
        // the list never shows it again
        JsonNode list = get("/api/admin/api-keys");
        assertThat(list.toString()).contains(keyId).doesNotContain(key.substring(20));

        assertThat(statusWithKey(key)).isEqualTo(200);
        HttpHeaders bearer = new HttpHeaders();
        bearer.setBearerAuth(key);
        assertThat(http.exchange("/api/jobs", HttpMethod.GET, new HttpEntity<>(bearer), JsonNode.class)
                .getStatusCode().value()).isEqualTo(200);
        // a reader key cannot make keys
        assertThat(createKey("{\"owner\": \"x\", \"roles\": [\"admin\"]}", as(key)).getStatusCode().value()).isEqualTo(403);

        assertThat(http.exchange("/api/admin/api-keys/" + keyId, HttpMethod.DELETE, null, JsonNode.class)
                .getBody().path("revoked_by").asText()).isEqualTo("test-admin");
        ResponseEntity<JsonNode> revoked = http.exchange("/api/jobs", HttpMethod.GET, new HttpEntity<>(as(key)), JsonNode.class);
        assertThat(revoked.getStatusCode().value()).isEqualTo(401);
        assertThat(revoked.getBody().path("error").asText()).isEqualTo("API key revoked");
        assertThat(revoked.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(statusWithKey("geoetl_aaaaaaaaaaaa_" + "A".repeat(43))).isEqualTo(401);
        assertThat(statusWithKey("not-a-key")).isEqualTo(401);
    }

    @Test
    void anExpiredKeyIsRefusedAndBadKeyRequestsAre400() {
        ResponseEntity<JsonNode> created = createKey("{\"owner\": \"short-lived\", \"roles\": [\"reader\"], \"expires_in\": \"PT2S\"}",
                new HttpHeaders());
        String key = created.getBody().path("key").asText();
        assertThat(statusWithKey(key)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> statusWithKey(key) == 401);
        assertThat(http.exchange("/api/jobs", HttpMethod.GET, new HttpEntity<>(as(key)), JsonNode.class)
                .getBody().path("error").asText()).isEqualTo("API key expired");

        assertThat(createKey("{\"owner\": \"x\", \"roles\": [\"root\"]}", new HttpHeaders()).getStatusCode().value()).isEqualTo(400);
        assertThat(createKey("{\"owner\": \"x\", \"roles\": []}", new HttpHeaders()).getStatusCode().value()).isEqualTo(400);
        assertThat(createKey("{\"roles\": [\"reader\"]}", new HttpHeaders()).getStatusCode().value()).isEqualTo(400);
        assertThat(createKey("{\"owner\": \"x\", \"roles\": [\"reader\"], \"expires_at\": \"2001-01-01T00:00:00Z\"}",
                new HttpHeaders()).getStatusCode().value()).isEqualTo(400);
        assertThat(createKey("{\"owner\": \"x\", \"roles\": [\"reader\"], \"expires_at\": \"soon\"}",
                new HttpHeaders()).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void tokensOfTheConfiguredIssuerAndAudienceAuthenticateWithTheirRoles() {
        TestIdentityProvider idp = TestIdentityProvider.get();
        assertThat(getWithToken("/api/jobs", idp.token("maria", List.of("reader"))).getStatusCode().value()).isEqualTo(200);
        assertThat(getWithToken("/api/workers", idp.token("maria", List.of("reader"))).getStatusCode().value()).isEqualTo(403);
        assertThat(getWithToken("/api/workers", idp.token("olu", List.of("operator", "unknown-role"))).getStatusCode().value())
                .isEqualTo(200);
        // a managed identity has no user name: it is known by its object id (oid), like everyone
        String client = "mi-" + unique().substring(0, 8);
        assertThat(getWithToken("/api/jobs", idp.managedIdentityToken(client, List.of("reader"))).getStatusCode().value())
                .isEqualTo(200);
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(idp.managedIdentityToken(client, List.of("reader")));
        http.exchange("/api/janitor/run", HttpMethod.POST, new HttpEntity<>(h), JsonNode.class);
        assertThat(count("SELECT count(*) FROM app.audit_log WHERE principal = ? AND outcome = 'denied'"
                + " AND path = '/api/janitor/run' AND auth_kind = 'token'", "oid-" + client)).isEqualTo(1);

        for (String bad : List.of(idp.expiredToken("maria", List.of("reader")),
                idp.tokenForAudience("maria", List.of("reader"), "api://someone-else"),
                idp.tokenFromIssuer("maria", List.of("reader"), "https://evil.example/v2.0"),
                idp.forgedToken("maria", List.of("admin")), "not.a.jwt")) {
            ResponseEntity<JsonNode> r = getWithToken("/api/jobs", bad);
            assertThat(r.getStatusCode().value()).isEqualTo(401);
            assertThat(r.getBody().path("error_id").asText()).startsWith("err-");
        }
    }

    @Test
    void everyMutatingAndEveryDeniedCallIsAudited() {
        String owner = "audited-" + unique().substring(0, 8);
        String key = (String) apiKeys.create(owner, java.util.Set.of(Role.READER), null, null, "tests").get("key");
        HttpHeaders h = as(key);
        h.setContentType(MediaType.APPLICATION_JSON);
        http.exchange("/api/jobs/submit/hello_world", HttpMethod.POST, new HttpEntity<>("{\"n\": 1}", h), JsonNode.class);
        http.exchange("/api/jobs", HttpMethod.GET, new HttpEntity<>(as(key)), JsonNode.class);
        HttpHeaders anon = new HttpHeaders();
        anon.set(NO_AUTH, "1");
        String target = unique();
        String path = "/api/jobs/" + target + "/cancel";
        http.exchange(path, HttpMethod.POST, new HttpEntity<>(anon), JsonNode.class);
        String job = submit("hello_world", "{\"n\": 3}").getBody().path("job_id").asText();

        JsonNode mine = get("/api/admin/audit?principal=" + owner);
        assertThat(mine).hasSize(1); // the GET was allowed and is not mutating
        assertThat(mine.get(0).path("outcome").asText()).isEqualTo("denied");
        assertThat(mine.get(0).path("status").asInt()).isEqualTo(403);
        assertThat(mine.get(0).path("path").asText()).isEqualTo("/api/jobs/submit/hello_world");
        assertThat(mine.get(0).path("error_id").asText()).startsWith("err-");
        // refused before any handler ran, and still recorded with the id it named
        assertThat(count("SELECT count(*) FROM app.audit_log WHERE principal IS NULL AND path = ? AND status = 401"
                + " AND target_ids = ARRAY[?]::text[]", path, target)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("SELECT count(*) FROM app.audit_log WHERE principal = 'test-admin'"
                + " AND path = '/api/jobs/submit/hello_world' AND outcome = 'allowed' AND status = 202"
                + " AND target_ids @> ARRAY['hello_world']") >= 1);
        assertThat(job).isNotBlank();
        assertThat(http.getForEntity("/api/admin/audit?outcome=sideways", JsonNode.class).getStatusCode().value()).isEqualTo(400);
        HttpHeaders reader = as(key(Role.OPERATOR));
        assertThat(http.exchange("/api/admin/audit", HttpMethod.GET, new HttpEntity<>(reader), JsonNode.class)
                .getStatusCode().value()).isEqualTo(403);
    }
}
