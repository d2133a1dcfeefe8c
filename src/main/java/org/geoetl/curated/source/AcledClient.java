package org.geoetl.curated.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.geoetl.curated.CuratedProperties;
import org.geoetl.curated.SourceKind;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.net.OutboundResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * ACLED's API: events ({@code /api/acled/read}) and withdrawn events ({@code /api/deleted/read}),
 * read page by page so a full load of a million events never sits in memory, behind OAuth tokens
 * ({@link AcledTokens}). A read stops at the first page shorter than the page size.
 *
 * <p>Change detection: ACLED documents no sort order, so "what is the newest timestamp" cannot be
 * asked cheaply. The question asked instead is "is there anything newer than the last load?": page
 * 1, limit 1, {@code timestamp > last} ({@link #hasNewerThan}), and the same on deletions.
 */
@Component
public class AcledClient {

    /* a server that never sends a short page must not keep a task reading forever */
    static final long MAX_ROWS_PER_READ = 50_000_000L;
    private static final int MAX_PAGE_SIZE = 5000;

    /** Parses one row into a record, or rejects it into the tally. */
    @FunctionalInterface
    private interface RowParser<T> {
        Optional<T> parse(JsonNode row, int page, int index, AcledRows.Tally tally);
    }

    private final RetryingHttp http;
    private final String baseUrl;
    private final ObjectMapper mapper;
    private final SourceApi api;
    private final AcledTokens tokens;

    @Autowired
    public AcledClient(RetryingHttp http, CuratedProperties properties, ObjectMapper mapper, Clock clock) {
        this(http, properties.acled().baseUri(), mapper, clock, System::getenv);
    }

    /** @param env environment lookup for ACLED_EMAIL and ACLED_PASSWORD (System::getenv in production) */
    public AcledClient(RetryingHttp http, URI baseUrl, ObjectMapper mapper, Clock clock, UnaryOperator<String> env) {
        this.http = http;
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.mapper = mapper;
        this.api = new SourceApi("ACLED", SourceKind.ACLED.credentials(), env);
        this.tokens = new AcledTokens(http, URI.create(this.baseUrl + "/oauth/token"), api, mapper, clock);
    }

    /**
     * Every event changed at or after {@code sinceTimestamp} (unix seconds; null: all events),
     * handed to {@code perPage} one page at a time (pages without an accepted row are not handed on).
     */
    public AcledReadResult readEvents(Long sinceTimestamp, int pageSize, Consumer<List<AcledEvent>> perPage) {
        String filter = sinceTimestamp == null ? "" : "&timestamp=" + sinceTimestamp + "&timestamp_where=" + encode(">=");
        return read("/api/acled/read", filter, pageSize, AcledRows::event, perPage);
    }

    /** Every deletion at or after {@code sinceTimestamp} (null: all), page by page as for events. */
    public AcledReadResult readDeletions(Long sinceTimestamp, int pageSize, Consumer<List<AcledDeletion>> perPage) {
        String filter = sinceTimestamp == null ? ""
                : "&deleted_timestamp=" + sinceTimestamp + "&deleted_timestamp_where=" + encode(">=");
        return read("/api/deleted/read", filter, pageSize, AcledRows::deletion, perPage);
    }

    /** Whether any event changed after {@code timestamp}: one row of one page, nothing else. */
    public boolean hasNewerThan(long timestamp) {
        return !page("/api/acled/read", "&timestamp=" + timestamp + "&timestamp_where=" + encode(">")
                + "&fields=" + encode("event_id_cnty|timestamp"), 1, 1).isEmpty();
    }

    /** Whether any event was deleted after {@code timestamp}. */
    public boolean hasDeletionsNewerThan(long timestamp) {
        return !page("/api/deleted/read", "&deleted_timestamp=" + timestamp + "&deleted_timestamp_where=" + encode(">"),
                1, 1).isEmpty();
    }

    private <T> AcledReadResult read(String path, String filter, int pageSize, RowParser<T> parser,
                                     Consumer<List<T>> perPage) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        AcledRows.Tally tally = new AcledRows.Tally();
        for (int page = 1; ; page++) {
            JsonNode data = page(path, filter, pageSize, page);
            List<T> rows = new ArrayList<>(data.size());
            for (int i = 0; i < data.size(); i++) {
                parser.parse(data.get(i), page, i, tally).ifPresent(rows::add);
            }
            tally.accepted(rows.size());
            if (!rows.isEmpty()) {
                perPage.accept(rows);
            }
            if (data.size() < pageSize) {
                return tally.result();
            }
            if ((long) page * pageSize >= MAX_ROWS_PER_READ) {
                throw new PermanentTaskException("ACLED kept sending full pages past " + MAX_ROWS_PER_READ
                        + " rows; the read was stopped");
            }
        }
    }

    /** The {@code data} array of one page. */
    private JsonNode page(String path, String filter, int limit, int page) {
        URI uri = URI.create(baseUrl + path + "?_format=json" + filter + "&limit=" + limit + "&page=" + page);
        OutboundResponse answer = authorized(uri);
        JsonNode json;
        try {
            json = mapper.readTree(answer.body());
        } catch (IOException e) {
            throw new PermanentTaskException("ACLED's " + path + " answer is not JSON");
        }
        if (json == null || !json.isObject() || json.path("success").asText("true").equals("false")) {
            throw new PermanentTaskException("ACLED's " + path + " answer reports a failure: "
                    + ErrorReasons.reason(answer.status(), answer.body(), api));
        }
        JsonNode data = json.path("data");
        if (data.isMissingNode() || data.isNull()) {
            return mapper.createArrayNode(); // ACLED leaves data out when nothing matches
        }
        if (!data.isArray()) {
            throw new PermanentTaskException("ACLED's " + path + " answer has no data array");
        }
        return data;
    }

    /**
     * GET with the bearer token. A 401 gets one refresh and, if that token is refused too, one
     * fresh password grant; a 401 after that means the account cannot read the API.
     */
    private OutboundResponse authorized(URI uri) {
        AcledTokens.Token token = tokens.valid();
        OutboundResponse answer = get(uri, token);
        if (answer.status() == 401) {
            token = tokens.renew(token);
            answer = get(uri, token);
        }
        if (answer.status() == 401 && token.grant() == AcledTokens.Grant.REFRESH) {
            token = tokens.fresh();
            answer = get(uri, token);
        }
        if (answer.status() == 401) {
            throw RetryingHttp.credentialsRefused(api, 401);
        }
        return answer;
    }

    private OutboundResponse get(URI uri, AcledTokens.Token token) {
        return http.get(api, uri, Map.of("Authorization", "Bearer " + token.access(), "Accept", "application/json"),
                Set.of(401));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
