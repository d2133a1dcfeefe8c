package org.geoetl.storage;

import java.time.Instant;
import java.util.Arrays;

/**
 * What a GET of a blob answers, decided from the request's validators and range (RFC 9110):
 * {@code If-None-Match} (weak comparison, {@code *}) or else {@code If-Modified-Since} → 304;
 * one {@code bytes} range → 206, or 416 when it starts past the end; {@code If-Range} that does
 * not match the current ETag (strong comparison) or Last-Modified → the whole blob. Several ranges
 * or another unit are answered whole, which the RFC allows and every range client accepts.
 */
public record ReadPlan(Kind kind, long start, long end) {

    public enum Kind { FULL, PARTIAL, NOT_MODIFIED, UNSATISFIABLE }

    /** The request headers that matter (any may be null). */
    public record Request(String range, String ifRange, String ifNoneMatch, Instant ifModifiedSince, Instant ifRangeDate) {
    }

    public long length() {
        return end - start + 1;
    }

    public static ReadPlan decide(long size, String etag, Instant lastModified, Request r) {
        Instant modified = lastModified == null ? null : lastModified.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (r.ifNoneMatch() != null) {
            if (matchesAny(r.ifNoneMatch(), etag)) {
                return new ReadPlan(Kind.NOT_MODIFIED, 0, -1);
            }
        } else if (r.ifModifiedSince() != null && modified != null && !modified.isAfter(r.ifModifiedSince())) {
            return new ReadPlan(Kind.NOT_MODIFIED, 0, -1);
        }
        ReadPlan full = new ReadPlan(Kind.FULL, 0, size - 1);
        if (r.range() == null || !rangeStillValid(etag, modified, r)) {
            return full;
        }
        return range(r.range().trim(), size, full);
    }

    private static boolean rangeStillValid(String etag, Instant modified, Request r) {
        if (r.ifRange() == null) {
            return true;
        }
        String v = r.ifRange().trim();
        if (v.startsWith("\"")) {
            return etag != null && v.equals(etag);
        }
        return r.ifRangeDate() != null && modified != null && r.ifRangeDate().equals(modified);
    }

    private static ReadPlan range(String header, long size, ReadPlan full) {
        if (!header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return full;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return full;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                return suffix <= 0 || size == 0 ? unsatisfiable() : new ReadPlan(Kind.PARTIAL, Math.max(0, size - suffix), size - 1);
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
            if (end < start || start < 0) {
                return full;
            }
            return start >= size ? unsatisfiable() : new ReadPlan(Kind.PARTIAL, start, Math.min(end, size - 1));
        } catch (NumberFormatException e) {
            return full;
        }
    }

    private static ReadPlan unsatisfiable() {
        return new ReadPlan(Kind.UNSATISFIABLE, 0, -1);
    }

    private static boolean matchesAny(String header, String etag) {
        if (header.trim().equals("*")) {
            return true;
        }
        String mine = etag == null ? null : weak(etag);
        return mine != null && Arrays.stream(header.split(",")).map(String::trim).map(ReadPlan::weak).anyMatch(mine::equals);
    }

    private static String weak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
