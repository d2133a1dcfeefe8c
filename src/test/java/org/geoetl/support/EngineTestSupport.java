package org.geoetl.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the integration tests: the whole service (real YAML routes, embedded persistent Artemis,
 * PostgreSQL database geoetl_test, or GEOETL_TEST_DB) on a random port; one Spring context shared by every subclass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class EngineTestSupport {

    /** Authenticated as the test admin unless a request carries its own credentials (see {@link #as}). */
    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected org.geoetl.security.ApiKeys apiKeys;

    private static final java.util.Map<String, String> KEYS = new java.util.concurrent.ConcurrentHashMap<>();
    /** A request header that makes the test client send no credentials at all. */
    public static final String NO_AUTH = "X-Test-No-Auth";

    @org.springframework.test.context.DynamicPropertySource
    static void identityProvider(org.springframework.test.context.DynamicPropertyRegistry registry) {
        TestIdentityProvider idp = TestIdentityProvider.get();
        registry.add("geoetl.security.oidc.issuer-uri", idp::issuer);
        registry.add("geoetl.security.oidc.jwk-set-uri", idp::jwkSetUri);
        registry.add("geoetl.security.oidc.audiences", () -> TestIdentityProvider.AUDIENCE);
    }

    @org.junit.jupiter.api.BeforeEach
    void authenticateTestClient() {
        var interceptors = http.getRestTemplate().getInterceptors();
        if (interceptors.stream().noneMatch(i -> i instanceof AdminKeyInterceptor)) {
            // the JDK client the tests have always used: with Apache HttpClient 5 on the classpath
            // (the outbound guard's) Spring would switch to it, and its pooled connections once failed
            // to parse a response in a clean-clone run (see issue 16's note); the server side is
            // exercised with keep-alive by the java.net.http clients of HostileInputIT
            http.getRestTemplate().setRequestFactory(new org.springframework.http.client.SimpleClientHttpRequestFactory());
            interceptors.add(new AdminKeyInterceptor(key(org.geoetl.security.Role.ADMIN)));
        }
    }

    /** A key with exactly this role, owned by {@code test-<role>} (created once per test JVM). */
    protected String key(org.geoetl.security.Role role) {
        return KEYS.computeIfAbsent(role.id(), r -> (String) apiKeys.create("test-" + r, java.util.Set.of(role),
                "integration tests", null, "tests").get("key"));
    }

    /** Headers authenticating with this key (they replace the default admin key). */
    protected static HttpHeaders as(String key) {
        HttpHeaders h = new HttpHeaders();
        h.set("X-API-Key", key);
        return h;
    }

    /** Adds the admin key to requests that carry no credentials of their own. */
    private record AdminKeyInterceptor(String key) implements org.springframework.http.client.ClientHttpRequestInterceptor {
        @Override
        public org.springframework.http.client.ClientHttpResponse intercept(org.springframework.http.HttpRequest request,
                byte[] body, org.springframework.http.client.ClientHttpRequestExecution execution) throws java.io.IOException {
            HttpHeaders h = request.getHeaders();
            if (h.containsKey(NO_AUTH)) {
                h.remove(NO_AUTH);
            } else if (!h.containsKey("X-API-Key") && !h.containsKey(HttpHeaders.AUTHORIZATION)) {
                h.set("X-API-Key", key);
            }
            return execution.execute(request, body);
        }
    }

    /** The admin key, for tests that call the service with their own HTTP client. */
    protected String adminKey() {
        return key(org.geoetl.security.Role.ADMIN);
    }
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ObjectMapper mapper;

    /** A value that makes a job's parameters, and so its id, unique to this test run. */
    protected static String unique() {
        return UUID.randomUUID().toString();
    }

    protected ResponseEntity<JsonNode> submit(String jobType, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/api/jobs/submit/" + jobType, new HttpEntity<>(json, headers), JsonNode.class);
    }

    protected JsonNode get(String path) {
        return http.getForObject(path, JsonNode.class);
    }

    protected JsonNode status(String jobId) {
        return get("/api/jobs/status/" + jobId);
    }

    /** Waits until the job reaches a terminal status and returns its status document. */
    protected JsonNode awaitEnd(String jobId, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            String s = jdbc.queryForObject("SELECT status FROM app.jobs WHERE job_id = ?", String.class, jobId);
            return "completed".equals(s) || "failed".equals(s) || "cancelled".equals(s);
        });
        return status(jobId);
    }

    /** Writes a generated collection of {@code items} COGs under {@code prefix} and ingests it; returns the job id. */
    protected String ingestCollection(org.geoetl.storage.BlobStorage storage, String prefix, String collectionId,
                                      int items) throws Exception {
        CollectionFixture.write(storage, "bronze", prefix, collectionId, items, mapper);
        String jobId = submit("ingest_collection", "{\"source_container\": \"bronze\", \"target_container\": \"silver\","
                + " \"collection_json_path\": \"" + prefix + "/collection.json\", \"batch_size\": 10}")
                .getBody().path("job_id").asText();
        org.assertj.core.api.Assertions.assertThat(awaitEnd(jobId, Duration.ofSeconds(60)).path("status").asText())
                .isEqualTo("completed");
        return jobId;
    }

    protected long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
