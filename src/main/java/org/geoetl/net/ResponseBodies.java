package org.geoetl.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.hc.core5.http.HttpEntity;
import org.geoetl.net.OutboundRefusedException.Rule;
import org.geoetl.net.PinnedExchange.BodyReader;

/**
 * The two ways a final answer's body is taken: buffered in memory up to max-response, or streamed
 * to a file up to a per-call cap. Both count real bytes while reading, because Content-Length may
 * be absent (chunked) or a lie; a declared length over the cap is refused before reading anything.
 */
final class ResponseBodies {

    private static final int BUFFER = 1 << 16;

    private ResponseBodies() {
    }

    /** The whole body as bytes, at most {@code cap} of them (max-response). */
    static BodyReader<OutboundResponse> buffered(long cap) {
        return (status, headers, entity, host) -> new OutboundResponse(status, headers, readCapped(entity, cap, host));
    }

    /**
     * A 2xx body streamed into {@code target}: written to a temporary sibling first and moved into
     * place only once complete, so a reader never sees a partial file and a failed download leaves
     * none behind (also not a previous file's replacement half done). A non-2xx answer writes nothing.
     */
    static BodyReader<OutboundDownload> toFile(Path target, long maxBytes, java.util.function.LongConsumer onBytes) {
        return (status, headers, entity, host) -> {
            if (status < 200 || status > 299) {
                return new OutboundDownload(status, headers, 0);
            }
            if (entity != null && entity.getContentLength() > maxBytes) {
                throw tooLarge(host, "the download exceeds its limit (" + maxBytes + " bytes)");
            }
            Path absolute = target.toAbsolutePath();
            Path part = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".part");
            try {
                long bytes = entity == null ? 0 : copyCapped(entity.getContent(), part, maxBytes, host, onBytes);
                Files.move(part, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return new OutboundDownload(status, headers, bytes);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(part, e);
                throw e;
            }
        };
    }

    private static byte[] readCapped(HttpEntity entity, long cap, String host) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > cap) {
            throw tooLarge(host, maxResponse(cap));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(entity.getContentLength(), 0), BUFFER));
        InputStream in = entity.getContent();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > cap) {
                throw tooLarge(host, maxResponse(cap));
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static long copyCapped(InputStream in, Path file, long maxBytes, String host,
                                   java.util.function.LongConsumer onBytes) throws IOException {
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(host, "the download exceeds its limit (" + maxBytes + " bytes)");
                }
                out.write(buffer, 0, n);
                onBytes.accept(total);
            }
        }
        return total;
    }

    private static void deleteQuietly(Path part, Exception failure) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static String maxResponse(long cap) {
        return "the response body exceeds max-response (" + cap + " bytes)";
    }

    private static OutboundRefusedException tooLarge(String host, String reason) {
        return new OutboundRefusedException(Rule.RESPONSE_TOO_LARGE, host, reason);
    }
}
