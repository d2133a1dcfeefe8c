package org.geoetl.error;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the Spring MVC controllers (the storage API) in the one error shape: a domain error
 * answers with its status and message; anything else is a 500 with an error id and no detail.
 */
@RestControllerAdvice
public class MvcErrors {

    private static final Logger log = LoggerFactory.getLogger(MvcErrors.class);

    @ExceptionHandler(GeoEtlException.class)
    ResponseEntity<Map<String, Object>> known(GeoEtlException e, HttpServletRequest request) {
        String id = ErrorIds.next();
        request.setAttribute(ErrorResponses.ERROR_ID, id);
        log.info("{} {} {} answered {}: {}", id, request.getMethod(), request.getRequestURI(), e.status(), e.getMessage());
        return ResponseEntity.status(e.status()).body(ErrorResponses.body(e.status(), e.getMessage(), id, e.details()));
    }

    /**
     * A path nothing serves: an unknown one, an API path in a process without the api role, or a
     * route path asked before its route started.
     */
    @ExceptionHandler(org.springframework.web.servlet.resource.NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(Exception e, HttpServletRequest request) {
        String id = ErrorIds.next();
        request.setAttribute(ErrorResponses.ERROR_ID, id);
        log.debug("{} {} {} answered 404", id, request.getMethod(), request.getRequestURI());
        return ResponseEntity.status(404).body(ErrorResponses.body(404, "no such resource", id, Map.of()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        String id = ErrorIds.next();
        request.setAttribute(ErrorResponses.ERROR_ID, id);
        log.error("{} {} {} failed", id, request.getMethod(), request.getRequestURI(), e);
        return ResponseEntity.status(500).body(ErrorResponses.body(500,
                "internal error; quote the error_id when reporting it", id, Map.of()));
    }
}
