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
 * PostgreSQL database geoetl_test) on a random port; one Spring context shared by every subclass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class EngineTestSupport {

    @Autowired
    protected TestRestTemplate http;
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

    protected long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
