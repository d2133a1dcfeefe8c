package org.geoetl.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Role → endpoints, in one place (the table in docs/security.md). First match wins; whatever no
 * rule names needs admin, so a new endpoint is closed until someone decides who may call it.
 */
final class AccessRules {

    private AccessRules() {
    }

    /** GET and HEAD alike: Spring MVC answers HEAD from the GET handlers. */
    private static AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl read(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a, String... paths) {
        List<org.springframework.security.web.util.matcher.RequestMatcher> matchers = new java.util.ArrayList<>();
        for (String path : paths) {
            matchers.add(org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults()
                    .matcher(GET, path));
            matchers.add(org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults()
                    .matcher(HEAD, path));
        }
        return a.requestMatchers(matchers.toArray(new org.springframework.security.web.util.matcher.RequestMatcher[0]));
    }

    /** PUT /api/storage/{container}/… where the container belongs to an upload zone. */
    private static org.springframework.security.web.util.matcher.RequestMatcher uploadInto(
            java.util.function.Predicate<String> uploadContainer) {
        return request -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (!PUT.matches(request.getMethod()) || !path.startsWith("/api/storage/")) {
                return false;
            }
            String rest = path.substring("/api/storage/".length());
            int slash = rest.indexOf('/');
            return slash > 0 && slash < rest.length() - 1 && uploadContainer.test(rest.substring(0, slash));
        };
    }

    static void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a,
                      boolean publicCatalog, java.util.function.Predicate<String> uploadContainer) {
        read(a, "/livez", "/readyz").permitAll();
        // the operations UI's files hold no data; every API call the page makes needs credentials
        read(a, "/ui", "/ui/**", "/api/interface/metrics").permitAll();
        String reader = Role.READER.id();
        String submitter = Role.SUBMITTER.id();
        String approver = Role.APPROVER.id();
        String operator = Role.OPERATOR.id();
        // STAC: writes are ingest (submitter); reads are open only for a public catalog, and then
        // StacApi serves anonymous callers published items only
        a.requestMatchers(POST, "/api/stac/collections").hasRole(submitter);
        a.requestMatchers(POST, "/api/stac/collections/*/items").hasRole(submitter);
        // the transaction extensions' replace and delete are reviewers' work
        a.requestMatchers(PUT, "/api/stac/collections/*", "/api/stac/collections/*/items/*").hasRole(approver);
        a.requestMatchers(DELETE, "/api/stac/collections/*", "/api/stac/collections/*/items/*").hasRole(approver);
        a.requestMatchers(org.springframework.http.HttpMethod.PATCH, "/api/stac/collections/*/items/*").hasRole(approver);
        if (publicCatalog) {
            read(a, "/api/stac", "/api/stac/**").permitAll();
            a.requestMatchers(POST, "/api/stac/search").permitAll();
        } else {
            read(a, "/api/stac", "/api/stac/**").hasRole(reader);
            a.requestMatchers(POST, "/api/stac/search").hasRole(reader);
        }
        a.requestMatchers(POST, "/api/jobs/submit/*", "/api/platform/submit", "/api/platform/validate").hasRole(submitter);
        // pipelines: submitters draft, validate and plan; only admins publish (a version anyone may run)
        a.requestMatchers(POST, "/api/pipelines/*/publish", "/api/pipelines/*/versions/*/archive").hasRole(Role.ADMIN.id());
        a.requestMatchers(POST, "/api/pipelines", "/api/pipelines/*/validate", "/api/pipelines/*/plan").hasRole(submitter);
        a.requestMatchers(PUT, "/api/pipelines/*").hasRole(submitter);
        a.requestMatchers(DELETE, "/api/pipelines/*").hasRole(submitter);
        read(a, "/api/pipelines", "/api/pipelines/**", "/api/task-types").hasRole(reader);
        read(a, "/api/platform/status", "/api/platform/status/*", "/api/platform/approvals", "/api/platform/approvals/*",
                "/api/platform/catalog").hasRole(reader);
        a.requestMatchers(POST, "/api/jobs/*/cancel", "/api/jobs/*/retry", "/api/jobs/*/resubmit").hasRole(operator);
        a.requestMatchers(DELETE, "/api/jobs/*").hasRole(operator);
        read(a, "/api/jobs", "/api/jobs/**", "/api/metrics/active").hasRole(reader);
        a.requestMatchers(POST, "/api/queues/*/pause", "/api/queues/*/resume", "/api/janitor/run").hasRole(operator);
        a.requestMatchers(PUT, "/api/task-types/*/concurrency").hasRole(operator);
        read(a, "/api/queues", "/api/janitor/runs", "/api/workers").hasRole(operator);
        // catalog maintenance: the consistency report and recorded runs are operators' work
        read(a, "/api/cleanup/metadata-health").hasRole(operator);
        a.requestMatchers(POST, "/api/cleanup/run", "/api/platform/unpublish").hasRole(operator);
        a.requestMatchers(POST, "/api/approvals/*/approve", "/api/approvals/*/reject", "/api/approvals/*/revoke",
                "/api/approvals/*/resubmit", "/api/platform/approve", "/api/platform/revoke").hasRole(approver);
        read(a, "/api/approvals", "/api/approvals/*", "/api/dataset-refs", "/api/dataset-refs/**").hasRole(reader);
        a.requestMatchers(PUT, "/api/dataset-refs/**").hasRole(submitter);
        // the curated registry: readers see it, operators run updates and switch schedules, admins define entries
        read(a, "/api/curated/**").hasRole(reader);
        a.requestMatchers(POST, "/api/curated/datasets/*/enable", "/api/curated/datasets/*/disable",
                "/api/curated/datasets/*/update").hasRole(operator);
        // uploads into a container of an upload zone (by configuration, whatever the container is called)
        a.requestMatchers(uploadInto(uploadContainer)).hasRole(submitter);
        // deleting another caller's upload additionally needs operator (StorageController checks)
        a.requestMatchers(DELETE, "/api/storage/**").hasAnyRole(submitter, operator);
        read(a, "/api/storage/**").hasRole(reader);
        read(a, "/health", "/api/openapi.json", "/api/me", "/api/preview/**").hasRole(reader);
        a.requestMatchers("/actuator/**").hasRole(operator);
        a.anyRequest().hasRole(Role.ADMIN.id());
    }
}
