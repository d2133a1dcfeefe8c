package org.geoetl.curated.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;

/**
 * Short, redacted reasons for error messages. What a server says about a refused request can echo
 * the request itself (query parameters such as auth_key, a bearer token), so its text is reduced to
 * one line and stripped of URLs, credential-looking pairs and long opaque strings, and of every
 * configured credential value, before any of it reaches a message, a log or the job's error.
 */
final class ErrorReasons {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 160;
    /* JSON error fields in the order APIs tend to put the human-readable one (OAuth2, Drupal/ACLED, others) */
    private static final List<String> MESSAGE_FIELDS = List.of("error_description", "message", "detail", "error", "title");
    private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://\\S*");
    private static final Pattern SECRET_PAIR = Pattern.compile(
            "(?i)\\b([\\w-]*(?:key|token|password|passwd|secret|auth|email|username|signature|credential)[\\w-]*)"
                    + "(\"?\\s*[=:]\\s*\"?)[^\\s&,;\"']+");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+\\S+");
    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9_\\-.+/=]{32,}");

    private ErrorReasons() {
    }

    /** The server's reason for {@code status}, redacted; the standard phrase when it gave none. */
    static String reason(int status, byte[] body, SourceApi api) {
        String text = body == null || body.length == 0 ? "" : fromBody(new String(body, 0,
                Math.min(body.length, 4096), StandardCharsets.UTF_8));
        String cleaned = clean(text, api);
        if (cleaned.isEmpty()) {
            String phrase = EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH);
            return phrase == null ? "no reason given" : phrase;
        }
        return cleaned;
    }

    /** An I/O failure as a message may name it: the exception type and its redacted message. */
    static String transport(IOException e, SourceApi api) {
        String message = e.getMessage() == null ? "" : clean(e.getMessage(), api);
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : " (" + message + ")");
    }

    /** One line of {@code text} without anything that could be or carry a secret. */
    static String clean(String text, SourceApi api) {
        String line = api.redact(text).strip().lines().findFirst().orElse("");
        line = URL.matcher(line).replaceAll("<url>");
        line = BEARER.matcher(line).replaceAll("$1 <redacted>");
        line = SECRET_PAIR.matcher(line).replaceAll("$1$2<redacted>");
        line = OPAQUE.matcher(line).replaceAll("<redacted>");
        line = line.replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "…" : line;
    }

    /* A JSON error's message field when there is one (possibly nested, as in {"error": {"message": …}}). */
    private static String fromBody(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{")) {
            return trimmed.startsWith("<") ? "" : trimmed; // an HTML error page says nothing useful in one line
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            for (int depth = 0; depth < 3 && node != null && node.isObject(); depth++) {
                JsonNode next = null;
                for (String field : MESSAGE_FIELDS) {
                    JsonNode value = node.get(field);
                    if (value != null && value.isTextual() && !value.asText().isBlank()) {
                        return value.asText();
                    }
                    next = next == null && value != null && value.isObject() ? value : next;
                }
                node = next;
            }
            return "";
        } catch (IOException truncatedOrNotJson) {
            return "";
        }
    }
}
