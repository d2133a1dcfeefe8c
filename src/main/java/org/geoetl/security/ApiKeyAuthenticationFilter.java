package org.geoetl.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.geoetl.error.ErrorResponses;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code X-API-Key: <key>} or {@code Authorization: Bearer geoetl_…}. A key that is
 * presented but unknown, revoked or expired ends the request with 401 at once, even on an open
 * path: a script with a dead key should learn it, not silently run anonymous.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-API-Key";

    private final ApiKeys keys;
    private final ErrorResponses errors;

    public ApiKeyAuthenticationFilter(ApiKeys keys, ErrorResponses errors) {
        this.keys = keys;
        this.errors = errors;
    }

    /** The key presented with this request, or null when the request carries none. */
    static String presentedKey(HttpServletRequest request) {
        String key = request.getHeader(HEADER);
        if (key != null) {
            return key.trim();
        }
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                && auth.substring(7).trim().startsWith(ApiKeyFormat.PREFIX)) {
            return auth.substring(7).trim();
        }
        return null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = presentedKey(request);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        ApiKeys.Check check = keys.authenticate(key);
        if (check.caller() == null) {
            errors.write(request, response, 401, check.refusal().message);
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(check.caller().authentication());
        SecurityContextHolder.setContext(context);
        request.setAttribute(AuditFilter.CALLER, check.caller());
        chain.doFilter(request, response);
    }
}
