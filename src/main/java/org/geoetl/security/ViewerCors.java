package org.geoetl.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * CORS for browser viewers: origins in {@code geoetl.security.cors-viewer-origins} may read data —
 * GET and HEAD of blobs and STAC, POST of a STAC search — sending {@code Range} and the conditional
 * headers and reading {@code Content-Range}, {@code ETag} … back (a COG viewer needs them all).
 * Everything else, and every other origin, falls to the general policy
 * ({@code cors-allowed-origins}, none by default).
 */
final class ViewerCors implements CorsConfigurationSource {

    private final CorsConfiguration viewer;
    private final CorsConfigurationSource general;

    ViewerCors(List<String> origins, CorsConfigurationSource general) {
        this.general = general;
        if (origins.isEmpty()) {
            this.viewer = null;
            return;
        }
        CorsConfiguration c = new CorsConfiguration();
        c.setAllowedOrigins(origins);
        c.setAllowedMethods(List.of("GET", "HEAD", "POST"));
        c.setAllowedHeaders(List.of("Authorization", ApiKeyAuthenticationFilter.HEADER, "Range", "If-Range",
                "If-None-Match", "If-Modified-Since", "Content-Type"));
        c.setExposedHeaders(List.of("Accept-Ranges", "Content-Range", "Content-Length", "ETag", "Last-Modified"));
        c.setAllowCredentials(false);
        c.setMaxAge(600L);
        this.viewer = c;
    }

    @Override
    public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
        if (viewer != null && viewerRequest(request) && viewer.checkOrigin(request.getHeader("Origin")) != null) {
            return viewer;
        }
        return general.getCorsConfiguration(request);
    }

    /** A read of data; for a preflight, the method it announces. */
    private static boolean viewerRequest(HttpServletRequest request) {
        String method = "OPTIONS".equals(request.getMethod()) ? request.getHeader("Access-Control-Request-Method")
                : request.getMethod();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        return (read && (path.startsWith("/api/storage/") || path.equals("/api/stac") || path.startsWith("/api/stac/")))
                || ("POST".equals(method) && path.equals("/api/stac/search"));
    }
}
