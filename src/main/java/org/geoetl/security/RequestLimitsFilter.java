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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API bodies are JSON and bounded: a POST/PUT/PATCH with a body must say
 * {@code Content-Type: application/json} (or a {@code +json} type) — which also means a web page
 * cannot send one cross-site without a CORS preflight — and may not exceed its endpoint's limit,
 * counted while reading, so a missing or lying Content-Length (or a chunked body) does not help.
 * The body is read here, on the request's thread, and handed on from memory: the routes run on
 * another thread, where a servlet stream is not safe to read. A request without a body reaches the
 * routes with an empty one and no non-JSON content type. The pipeline API also takes YAML
 * ({@code application/yaml}, {@code text/yaml}). The storage API takes raw bytes and
 * has its own upload limit.
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
        if (path.startsWith("/api/storage/")) {
            chain.doFilter(request, response);
            return;
        }
        if (!WITH_BODY.contains(request.getMethod()) || !hasBody(request)) {
            // no body: whatever type a client put on it (HttpURLConnection labels a DELETE as form
            // content) must not make the route read the query string as one
            chain.doFilter(new Buffered(request, new byte[0], isJson(request.getContentType())
                    ? request.getContentType() : null), response);
            return;
        }
        if (!isJson(request.getContentType()) && !(path.startsWith("/api/pipelines") && isYamlType(request.getContentType()))) {
            errors.write(request, response, 415, "send the body as JSON with Content-Type: application/json");
            return;
        }
        long limit = path.startsWith("/api/stac/collections") ? stacLimit : jsonLimit;
        byte[] body = request.getContentLengthLong() > limit ? null : read(request.getInputStream(), limit);
        if (body == null) {
            errors.write(request, response, 413, "the body is larger than the " + limit + " bytes this endpoint takes");
            return;
        }
        chain.doFilter(new Buffered(request, body, request.getContentType()), response);
    }

    /** The whole body, or null once it passes the limit (counted, whatever Content-Length said). */
    static byte[] read(java.io.InputStream in, long limit) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        for (int n; (n = in.read(buf)) > 0; ) {
            if (out.size() + (long) n > limit) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
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

    /**
     * The pipeline API also takes YAML definitions; like JSON, these types are not CORS-safelisted,
     * so a web page still cannot send one cross-site without a preflight.
     */
    public static boolean isYamlType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/yaml") || type.equals("text/yaml") || type.equals("application/x-yaml");
    }

    /** The request with its body already read (and its content type, null for none). */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;
        private final String contentType;

        Buffered(HttpServletRequest request, byte[] body, String contentType) {
            super(request);
            this.body = body;
            this.contentType = contentType;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getHeader(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? contentType : super.getHeader(name);
        }

        @Override
        public ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
