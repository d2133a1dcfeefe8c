package org.geoetl.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.geoetl.error.ErrorResponses;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may do what over /actuator/jolokia, decided per Jolokia request (a POST may carry a bulk of
 * them): operators (the actuator's role) read, list and search, and invoke the read-only operator
 * operations; executing anything else or writing an attribute needs admin, and only in the
 * service's own domains; proxy requests (a {@code target} that makes the service connect to another
 * JMX server) are refused for everyone. The Jolokia policy (jolokia-access.xml) adds the MBeans no one
 * reaches over HTTP.
 */
public class JolokiaAccessFilter extends OncePerRequestFilter {

    static final String PATH = "/actuator/jolokia";
    private static final int MAX_BODY = 256 * 1024;

    private final ErrorResponses errors;
    private final ObjectMapper mapper = new ObjectMapper();

    public JolokiaAccessFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals(PATH) || path.startsWith(PATH + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admin = SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                        .anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
        HttpServletRequest checked = request;
        List<JolokiaRequests.Request> requests = new java.util.ArrayList<>();
        // Jolokia also takes a GET's path from the query (?p=/exec/…): it is checked like the path
        String queryPath = queryParameter(request.getQueryString(), "p");
        if (queryPath != null) {
            requests.add(JolokiaRequests.fromPath(queryPath));
        }
        if ("POST".equals(request.getMethod())) {
            byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                errors.write(request, response, 413, "a Jolokia request may carry at most " + MAX_BODY + " bytes");
                return;
            }
            JsonNode tree;
            try {
                tree = mapper.readTree(body);
            } catch (IOException e) {
                errors.write(request, response, 400, "the Jolokia request is not valid JSON");
                return;
            }
            requests.addAll(JolokiaRequests.fromJson(tree));
            checked = new CachedBodyRequest(request, body);
        } else {
            String path = request.getRequestURI().substring(request.getContextPath().length() + PATH.length());
            requests.add(JolokiaRequests.fromPath(decode(path)));
        }
        String refusal = JolokiaRequests.refusal(requests, admin);
        if (refusal != null) {
            errors.write(request, response, 403, refusal);
            return;
        }
        chain.doFilter(checked, response);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (decode(eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
