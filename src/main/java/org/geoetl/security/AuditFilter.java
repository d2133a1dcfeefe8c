package org.geoetl.security;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.geoetl.error.ErrorResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Writes an audit row for every mutating request (POST, PUT, PATCH, DELETE) and every denied one
 * (401, 403), once the answer is known: for routes answered asynchronously, when the async
 * request completes. Runs outside the security filters so refusals are seen too.
 */
public class AuditFilter extends OncePerRequestFilter {

    /** Request attribute: the authenticated {@link Caller}, set by the authentication step. */
    public static final String CALLER = "geoetl.caller";
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditRepository audit;
    private final Clock clock;
    private final org.springframework.beans.factory.ObjectProvider<HandlerMapping> mappings;

    public AuditFilter(AuditRepository audit, Clock clock,
                       org.springframework.beans.factory.ObjectProvider<HandlerMapping> mappings) {
        this.audit = audit;
        this.clock = clock;
        this.mappings = mappings;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            // the container turns it into a 500 after this filter: record that, not the 200 set so far
            record(request, 500);
            throw e;
        }
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new Completion(request, response));
        } else {
            record(request, response.getStatus());
        }
    }

    private void record(HttpServletRequest request, int status) {
        boolean denied = status == 401 || status == 403;
        if (!denied && !MUTATING.contains(request.getMethod())) {
            return;
        }
        Caller caller = (Caller) request.getAttribute(CALLER);
        String outcome = denied ? "denied" : status >= 400 ? "failed" : "allowed";
        try {
            audit.insert(new AuditRepository.Entry(clock.instant(), caller == null ? null : caller.name(),
                    caller == null ? null : caller.kind().id(),
                    caller == null ? List.of() : caller.roles().stream().map(Role::id).sorted().toList(),
                    request.getMethod(), truncate(request.getRequestURI(), 1000), targets(request), status, outcome,
                    (String) request.getAttribute(ErrorResponses.ERROR_ID), request.getRemoteAddr()));
        } catch (RuntimeException e) {
            // the answer is already sent; a lost audit row must at least be visible in the log
            log.error("audit row not written for {} {} ({}): {}", request.getMethod(), request.getRequestURI(),
                    status, e.getClass().getSimpleName());
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> targets(HttpServletRequest request) {
        Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (vars == null) {
            vars = matchedVariables(request);
        }
        return vars instanceof Map<?, ?> m
                ? ((Map<String, String>) m).values().stream().map(v -> truncate(v, 300)).toList() : List.of();
    }

    /**
     * A refused request never reached a handler, so its path ids are not parsed yet: ask the
     * handler mappings which endpoint it names (they expose the template variables as they match).
     */
    private Object matchedVariables(HttpServletRequest request) {
        try {
            if (!org.springframework.web.util.ServletRequestPathUtils.hasParsedRequestPath(request)) {
                org.springframework.web.util.ServletRequestPathUtils.parseAndCache(request);
            }
            for (HandlerMapping m : (Iterable<HandlerMapping>) mappings.orderedStream()::iterator) {
                if (m.getHandler(request) != null && request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) != null) {
                    return request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
                }
            }
        } catch (Exception e) {
            log.debug("no endpoint matched for the audit of {}", request.getRequestURI());
        }
        return null;
    }

    private static String truncate(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** Records the request when its asynchronous answer is complete. */
    private final class Completion implements AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;

        Completion(HttpServletRequest request, HttpServletResponse response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            record(request, response.getStatus());
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
