package org.geoetl.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.geoetl.support.EngineTestSupport;
import org.geoetl.support.TestIdentityProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every operation of the OpenAPI document, called without credentials (401), with each role too
 * small for it (403) and with the smallest role that may (neither); and the document lists
 * everything the service serves. The expected role of each operation is stated here, apart from
 * AccessRules, so a change to either without the other fails.
 */
class AccessControlIT extends EngineTestSupport {

    /** Open without credentials, and why. */
    private static final Set<String> OPEN = Set.of("GET /livez", "GET /readyz",
            // the dashboard's page and assets hold no data; the API calls it makes need a role
            "GET /ui", "GET /ui/{}", "GET /api/interface/metrics");

    /** The smallest role of every operation ({} for any path parameter). */
    private static final Map<String, Role> EXPECTED = new LinkedHashMap<>();

    static {
        for (String op : List.of("GET /api/jobs", "GET /api/jobs/types", "GET /api/jobs/status/{}", "GET /api/jobs/{}/tasks",
                "GET /api/jobs/{}/events", "GET /health", "GET /api/openapi.json", "GET /api/stac",
                "GET /api/stac/conformance", "GET /api/stac/collections", "GET /api/stac/collections/{}",
                "GET /api/stac/collections/{}/items", "GET /api/stac/collections/{}/items/{}", "GET /api/stac/search",
                "POST /api/stac/search", "GET /api/approvals", "GET /api/approvals/{}", "GET /api/dataset-refs",
                "GET /api/dataset-refs/{}/{}", "GET /api/storage/{}", "GET /api/storage/{}/{}",
                "GET /api/curated/datasets", "GET /api/curated/datasets/{}", "GET /api/curated/datasets/{}/history",
                "GET /api/jobs/{}/progress", "GET /api/metrics/active",
                "GET /api/me", "GET /api/preview/jobs/{}/outputs", "GET /api/preview/tables/{}/{}", "GET /api/preview/basemap",
                "GET /api/stac/queryables", "GET /api/stac/collections/{}/queryables",
                "GET /api/platform/status", "GET /api/platform/status/{}", "GET /api/platform/approvals",
                "GET /api/platform/approvals/{}", "GET /api/platform/catalog", "GET /api/pipelines", "GET /api/pipelines/{}",
                "GET /api/pipelines/{}/versions", "GET /api/pipelines/{}/export", "GET /api/task-types")) {
            EXPECTED.put(op, Role.READER);
        }
        for (String op : List.of("POST /api/jobs/submit/{}", "POST /api/platform/submit", "POST /api/platform/validate", "POST /api/stac/collections", "POST /api/stac/collections/{}/items",
                "PUT /api/dataset-refs/{}/{}", "PUT /api/storage/{}/{}", "DELETE /api/storage/{}/{}",
                "POST /api/pipelines", "PUT /api/pipelines/{}", "DELETE /api/pipelines/{}",
                "POST /api/pipelines/{}/validate", "POST /api/pipelines/{}/plan")) {
            EXPECTED.put(op, Role.SUBMITTER);
        }
        for (String op : List.of("POST /api/approvals/{}/approve", "POST /api/approvals/{}/reject",
                "POST /api/approvals/{}/revoke", "POST /api/approvals/{}/resubmit", "POST /api/platform/approve", "POST /api/platform/revoke",
                "PUT /api/stac/collections/{}", "PUT /api/stac/collections/{}/items/{}", "DELETE /api/stac/collections/{}",
                "DELETE /api/stac/collections/{}/items/{}", "PATCH /api/stac/collections/{}/items/{}")) {
            EXPECTED.put(op, Role.APPROVER);
        }
        for (String op : List.of("POST /api/jobs/{}/cancel", "POST /api/jobs/{}/retry", "POST /api/jobs/{}/resubmit",
                "DELETE /api/jobs/{}", "POST /api/queues/{}/pause", "POST /api/queues/{}/resume", "POST /api/janitor/run",
                "PUT /api/task-types/{}/concurrency", "GET /api/queues", "GET /api/janitor/runs", "GET /api/workers",
                "GET /actuator", "GET /actuator/health", "GET /actuator/health/{}", "GET /actuator/info",
                "GET /actuator/metrics", "GET /actuator/metrics/{}", "GET /actuator/prometheus", "GET /actuator/jolokia",
                "POST /actuator/jolokia", "POST /api/curated/datasets/{}/enable",
                "POST /api/curated/datasets/{}/disable", "POST /api/curated/datasets/{}/update",
                "GET /api/cleanup/metadata-health", "POST /api/cleanup/run", "POST /api/platform/unpublish")) {
            EXPECTED.put(op, Role.OPERATOR);
        }
        for (String op : List.of("POST /api/admin/api-keys", "GET /api/admin/api-keys", "DELETE /api/admin/api-keys/{}",
                "GET /api/admin/audit", "POST /api/curated/datasets", "PUT /api/curated/datasets/{}",
                "DELETE /api/curated/datasets/{}", "POST /api/dbadmin/maintenance", "POST /api/pipelines/{}/publish",
                "POST /api/pipelines/{}/versions/{}/archive")) {
            EXPECTED.put(op, Role.ADMIN);
        }
    }

    @Autowired
    CamelContext camel;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mvc;

    private static String normalize(String method, String path) {
        return method.toUpperCase() + " " + path.replaceAll("\\{[^}]*}", "{}").replaceAll("/+$", "");
    }

    private Set<String> documented() {
        JsonNode doc = get("/api/openapi.json");
        Set<String> ops = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = doc.path("paths").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> e = p.next();
            e.getValue().fieldNames().forEachRemaining(m -> ops.add(normalize(m, e.getKey())));
        }
        return ops;
    }

    @Test
    void theOpenApiDocumentListsEveryServedEndpoint() {
        Set<String> documented = documented();
        Set<String> served = new TreeSet<>();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition v : rest.getVerbs()) {
                served.add(normalize(v.asVerb(), (rest.getPath() == null ? "" : rest.getPath()) + (v.getPath() == null ? "" : v.getPath())));
            }
        }
        for (Map.Entry<RequestMappingInfo, ?> e : mvc.getHandlerMethods().entrySet()) {
            for (String pattern : e.getKey().getPatternValues()) {
                if (pattern.equals("/error")) {
                    continue; // the container's error page, reached only by error dispatch
                }
                for (var m : e.getKey().getMethodsCondition().getMethods()) {
                    String op = normalize(m.name(), pattern);
                    // /api/storage/** serves both a container listing and blobs
                    served.addAll(op.endsWith("/**") ? expandStorage(m.name()) : Set.of(op));
                }
            }
        }
        get("/actuator").path("_links").forEach(l -> served.add(normalize("GET",
                l.path("href").asText().replaceFirst("^https?://[^/]+", ""))));
        assertThat(served).hasSizeGreaterThan(50);
        assertThat(documented).containsAll(served);
        assertThat(EXPECTED.keySet()).as("every documented operation has an expected role in this test")
                .containsAll(documented.stream().filter(o -> !OPEN.contains(o)).toList());
    }

    private static Set<String> expandStorage(String method) {
        return method.equals("GET") ? Set.of("GET /api/storage/{}", "GET /api/storage/{}/{}") : Set.of(method + " /api/storage/{}/{}");
    }

    private ResponseEntity<String> call(String op, HttpHeaders auth) {
        String method = op.substring(0, op.indexOf(' '));
        // the storage zone a submitter may write to; any other path parameter is a dummy id
        String path = op.substring(op.indexOf(' ') + 1).replaceFirst("^/api/storage/\\{}", "/api/storage/bronze")
                .replace("{}", "x-" + unique().substring(0, 6));
        HttpHeaders h = new HttpHeaders();
        h.addAll(auth);
        if (method.equals("PATCH")) {
            return patch(path, auth);
        }
        HttpEntity<String> entity = null;
        if (method.equals("POST") || method.equals("PUT")) {
            h.setContentType(path.startsWith("/api/storage/") ? MediaType.APPLICATION_OCTET_STREAM : MediaType.APPLICATION_JSON);
            // Jolokia decides by the request it carries: a read (version) is the operator's; TelemetryIT covers writes
            entity = new HttpEntity<>(path.equals("/actuator/jolokia") ? "{\"type\": \"version\"}" : "{}", h);
        } else {
            entity = new HttpEntity<>(h);
        }
        return http.exchange(path, HttpMethod.valueOf(method), entity, String.class);
    }

    /** PATCH through java.net.http: the test template's HttpURLConnection has no PATCH. */
    private ResponseEntity<String> patch(String path, HttpHeaders auth) {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.getRootUri() + path))
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
        auth.forEach((name, values) -> {
            if (!name.equals(NO_AUTH)) {
                values.forEach(v -> b.header(name, v));
            }
        });
        try {
            var r = java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return ResponseEntity.status(r.statusCode()).body(r.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpHeaders none() {
        HttpHeaders h = new HttpHeaders();
        h.set(NO_AUTH, "1");
        return h;
    }

    private static HttpHeaders bearer(String token) {
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(token);
        return h;
    }

    @Test
    void everyOperationRefusesMissingCredentialsAndTooSmallRolesAndAdmitsItsRole() {
        String noRoles = TestIdentityProvider.get().token("no-roles-user", List.of());
        List<String> failures = new ArrayList<>();
        Set<String> documented = documented();
        assertThat(documented).hasSizeGreaterThan(50);
        for (String op : documented) {
            int anonymous = call(op, none()).getStatusCode().value();
            if (OPEN.contains(op)) {
                if (anonymous != 200) {
                    failures.add(op + " open endpoint answered " + anonymous);
                }
                continue;
            }
            Role needed = EXPECTED.get(op);
            if (needed == null) {
                failures.add(op + " has no expected role in this test");
                continue;
            }
            if (anonymous != 401) {
                failures.add(op + " without credentials answered " + anonymous);
            }
            int roleless = call(op, bearer(noRoles)).getStatusCode().value();
            if (roleless != 403) {
                failures.add(op + " with a token without roles answered " + roleless);
            }
            for (Role r : EnumSet.of(Role.READER, Role.SUBMITTER, Role.APPROVER, Role.OPERATOR)) {
                int status = call(op, as(key(r))).getStatusCode().value();
                boolean allowed = r.effective().contains(needed)
                        || (op.equals("DELETE /api/storage/{}/{}") && r == Role.OPERATOR); // others' uploads
                if (allowed ? (status == 401 || status == 403) : status != 403) {
                    failures.add(op + " as " + r.id() + " answered " + status + (allowed ? " (should be allowed)" : ""));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void submittersWriteOnlyToUploadZonesAndOperatorsDeleteOtherPeoplesUploads() {
        String name = "acl/" + unique() + ".txt";
        HttpHeaders submitter = as(key(Role.SUBMITTER));
        submitter.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        assertThat(http.exchange("/api/storage/gold/" + name, HttpMethod.PUT, new HttpEntity<>("x", submitter), String.class)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(http.exchange("/api/storage/silver/" + name, HttpMethod.PUT, new HttpEntity<>("x", submitter), String.class)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(http.exchange("/api/storage/bronze/" + name, HttpMethod.PUT, new HttpEntity<>("x", submitter), String.class)
                .getStatusCode().value()).isEqualTo(201);
        // the upload is test-submitter's: another submitter (a token) may not delete it, an operator may
        HttpHeaders other = bearer(TestIdentityProvider.get().token("someone-else", List.of("submitter")));
        ResponseEntity<String> refused = http.exchange("/api/storage/bronze/" + name, HttpMethod.DELETE, new HttpEntity<>(other), String.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getBody()).contains("operator").doesNotContain("test-submitter");
        assertThat(http.exchange("/api/storage/bronze/" + name, HttpMethod.DELETE, new HttpEntity<>(as(key(Role.OPERATOR))), String.class)
                .getStatusCode().value()).isEqualTo(200);
    }
}
