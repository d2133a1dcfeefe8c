package org.geoetl.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.geoetl.error.ErrorResponses;
import org.geoetl.error.GeoEtlException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API bodies are JSON and bounded: a POST/PUT/PATCH with a body must say
 * {@code Content-Type: application/json} (or a {@code +json} type) — which also means a web page
 * cannot send one cross-site without a CORS preflight — and may not exceed its endpoint's limit,
 * counted while reading, so a missing or lying Content-Length does not help. The storage API
 * takes raw bytes and has its own upload limit.
 */
public class RequestLimitsFilter extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final ErrorResponses errors;
    private final long jsonLimit;
    private final long stacLimit;

    public RequestLimitsFilter(ErrorResponses errors, SecurityProperties.Limits limits) {
        this.errors = errors;
        this.jsonLimit = limits.jsonBody().toBytes();
        this.stacLimit = limits.stacBody().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (!WITH_BODY.contains(request.getMethod()) || path.startsWith("/api/storage/") || !hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!isJson(request.getContentType())) {
            errors.write(request, response, 415, "send the body as JSON with Content-Type: application/json");
            return;
        }
        long limit = path.startsWith("/api/stac/collections") ? stacLimit : jsonLimit;
        if (request.getContentLengthLong() > limit) {
            errors.write(request, response, 413, "the body is larger than the " + limit + " bytes this endpoint takes");
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /** The body too large for its endpoint, found while reading it (413). */
    public static class BodyTooLargeException extends GeoEtlException {
        public BodyTooLargeException(long limit) {
            super(413, "the body is larger than the " + limit + " bytes this endpoint takes");
        }
    }

    /** Counts body bytes as they are read and stops at the limit. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            // the container's own reader would bypass the counting stream
            String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
