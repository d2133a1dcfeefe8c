package org.geoetl.storage;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Serves one blob the way HTTP clients of geodata read it (GDAL's /vsicurl, QGIS, TiTiler,
 * browsers): {@code Accept-Ranges}, byte ranges (206/416) read from the storage as ranges — so a
 * COG's header and one tile cost a few kilobytes, not the file — {@code If-Range}, {@code ETag}
 * with {@code If-None-Match}, {@code Last-Modified} with {@code If-Modified-Since} (304), HEAD
 * without touching the content, and the blob's real content type. Every answer is counted in
 * {@code geoetl.storage.reads} by kind (full, partial, not_modified, unsatisfiable, head).
 */
@Component
public class BlobDownloads {

    private final MeterRegistry meters;

    public BlobDownloads(MeterRegistry meters) {
        this.meters = meters;
    }

    public void serve(BlobStorage storage, BlobInfo info, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Instant modified = info.lastModified() == null ? null : info.lastModified().toInstant();
        ReadPlan plan = ReadPlan.decide(info.size(), info.etag(), modified, new ReadPlan.Request(
                request.getHeader("Range"), request.getHeader("If-Range"), request.getHeader("If-None-Match"),
                date(request, "If-Modified-Since"), ifRangeDate(request)));
        response.setHeader("Accept-Ranges", "bytes");
        if (info.etag() != null) {
            response.setHeader("ETag", info.etag());
        }
        if (modified != null) {
            response.setHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atOffset(ZoneOffset.UTC)));
        }
        // stored privately, revalidated every time (the ETag makes that a 304)
        response.setHeader("Cache-Control", "private, no-cache");
        boolean head = "HEAD".equals(request.getMethod());
        count(head && plan.kind() != ReadPlan.Kind.NOT_MODIFIED ? "head" : plan.kind().name().toLowerCase());
        switch (plan.kind()) {
            case NOT_MODIFIED -> response.setStatus(304);
            case UNSATISFIABLE -> {
                response.setStatus(416);
                response.setHeader("Content-Range", "bytes */" + info.size());
                response.setContentLength(0);
            }
            case PARTIAL -> {
                response.setStatus(206);
                response.setHeader("Content-Range", "bytes " + plan.start() + "-" + plan.end() + "/" + info.size());
                body(storage, info, plan, head, response);
            }
            case FULL -> {
                response.setStatus(200);
                body(storage, info, plan, head, response);
            }
        }
    }

    private void body(BlobStorage storage, BlobInfo info, ReadPlan plan, boolean head, HttpServletResponse response)
            throws IOException {
        response.setContentType(BlobContentTypes.of(storage, info));
        response.setContentLengthLong(plan.kind() == ReadPlan.Kind.FULL ? info.size() : plan.length());
        if (head || info.size() == 0) {
            return;
        }
        try (InputStream in = plan.kind() == ReadPlan.Kind.FULL ? storage.open(info.container(), info.name())
                : storage.open(info.container(), info.name(), plan.start(), plan.length())) {
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
            out.flush();
        }
    }

    private void count(String kind) {
        meters.counter("geoetl.storage.reads", "kind", kind).increment();
    }

    private static Instant date(HttpServletRequest request, String header) {
        try {
            long ms = request.getDateHeader(header);
            return ms < 0 ? null : Instant.ofEpochMilli(ms);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant ifRangeDate(HttpServletRequest request) {
        String v = request.getHeader("If-Range");
        return v == null || v.trim().startsWith("\"") || v.trim().startsWith("W/") ? null : date(request, "If-Range");
    }
}
