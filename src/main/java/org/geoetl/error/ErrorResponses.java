package org.geoetl.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the JSON error body of answers produced outside a route (authentication, request limits,
 * the storage controller, the servlet container): {@code {"error", "status", "error_id"}}, the
 * same shape the routes answer with.
 */
@Component
public class ErrorResponses {

    /** The request attribute holding the error id of the answer, for the audit log. */
    public static final String ERROR_ID = "geoetl.errorId";
    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private final ObjectMapper mapper;

    public ErrorResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        write(request, response, status, message, Map.of());
    }

    public void write(HttpServletRequest request, HttpServletResponse response, int status, String message,
                      Map<String, Object> details) throws IOException {
        String id = ErrorIds.next();
        request.setAttribute(ERROR_ID, id);
        log.info("{} {} {} answered {}: {}", id, request.getMethod(), request.getRequestURI(), status, message);
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.getWriter().write(mapper.writeValueAsString(body(status, message, id, details)));
        response.flushBuffer();
    }

    public static Map<String, Object> body(int status, String message, String errorId, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(details);
        body.put("status", status);
        body.put("error_id", errorId);
        return body;
    }
}
