package org.geoetl.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container answers when nothing else did (unknown path, wrong method, a failure
 * in a filter): the one error shape, with an id — in place of Spring Boot's page, which names the
 * path and, on some settings, the exception.
 */
@RestController
public class JsonErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorController.class);

    @RequestMapping("/error")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 500;
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String id = ErrorIds.next();
        if (failure != null || status >= 500) {
            log.error("{} {} failed", id, request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), failure);
        }
        return ResponseEntity.status(status).body(ErrorResponses.body(status, message(status), id, Map.of()));
    }

    static String message(int status) {
        return switch (status) {
            case 400 -> "bad request";
            case 401 -> "authentication required";
            case 403 -> "your role does not allow this request";
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 413 -> "request too large";
            case 415 -> "unsupported content type";
            default -> status < 500 ? "request refused" : "internal error; quote the error_id when reporting it";
        };
    }
}
