package org.geoetl.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ACLED's API on loopback over a mutable in-memory event set. {@code POST /oauth/token} (password
 * and refresh_token grants, client_id acled) issues bearer tokens that expire after a configurable
 * lifetime on the given clock; {@code GET /api/acled/read} and {@code /api/deleted/read} page like
 * the real API ({@code limit}, {@code page}, {@code timestamp} / {@code deleted_timestamp} with
 * {@code _where} =, >, >=, <, <=; {@code fields} a|b), every value a string, rows ordered by
 * timestamp then id. Events are added, updated (their timestamp moves to now) and deleted (recorded
 * with the deletion time) between runs. The next data calls can be answered 429, 5xx or 401.
 */
public final class AcledReplayServer extends ReplayServer {

    private static final String DATA = "/api/";

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final String email;
    private final String password;
    private final Map<String, Map<String, Object>> events = new LinkedHashMap<>();
    private final List<Map<String, Object>> deletions = new ArrayList<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile Duration tokenLifetime = Duration.ofHours(24);
    private volatile boolean refuseRefresh;

    public AcledReplayServer(Clock clock, String email, String password) throws IOException {
        this.clock = clock;
        this.email = email;
        this.password = password;
        route("/oauth/token", this::token);
        route("/api/acled/read", (ex, r) -> read(ex, r, false));
        route("/api/deleted/read", (ex, r) -> read(ex, r, true));
    }

    // --- the event set ---------------------------------------------------------------------------

    /** A complete, realistic event row (all values strings, as the API sends them); no timestamp yet. */
    public static Map<String, Object> event(String id, String date, double latitude, double longitude) {
        Map<String, Object> e = new LinkedHashMap<>();
        String iso = id.replaceAll("\\d", "");
        String[][] fields = {{"event_id_cnty", id}, {"event_date", date}, {"year", date.substring(0, 4)},
            {"time_precision", "1"}, {"disorder_type", "Political violence"}, {"event_type", "Battles"},
            {"sub_event_type", "Armed clash"}, {"actor1", "Military Forces of " + iso}, {"assoc_actor_1", ""},
            {"inter1", "1"}, {"actor2", "Unidentified Armed Group (" + iso + ")"}, {"assoc_actor_2", ""}, {"inter2", "3"},
            {"interaction", "13"}, {"civilian_targeting", ""}, {"iso", "566"}, {"region", "Western Africa"},
            {"country", "Nigeria"}, {"admin1", "Borno"}, {"admin2", "Maiduguri"}, {"admin3", ""}, {"location", "Maiduguri"},
            {"latitude", String.valueOf(latitude)}, {"longitude", String.valueOf(longitude)}, {"geo_precision", "1"},
            {"source", "Daily Trust"}, {"source_scale", "National"}, {"notes", "On " + date + ", clashes near " + id + "."},
            {"fatalities", "2"}, {"tags", ""}};
        for (String[] f : fields) {
            e.put(f[0], f[1]);
        }
        return e;
    }

    /** Adds or replaces a row; its timestamp is now unless the row has one. Returns the stored row. */
    public synchronized Map<String, Object> put(Map<String, Object> row) {
        Map<String, Object> stored = new LinkedHashMap<>(row);
        stored.putIfAbsent("timestamp", String.valueOf(now()));
        events.put(String.valueOf(stored.getOrDefault("event_id_cnty", "raw-" + events.size())), stored);
        return stored;
    }

    public Map<String, Object> add(String id, String date, double latitude, double longitude) {
        return put(event(id, date, latitude, longitude));
    }

    /** Changes one field of an event; like ACLED, the event's timestamp moves to now. */
    public synchronized void update(String id, String field, Object value) {
        Map<String, Object> e = events.get(id);
        e.put(field, value);
        e.put("timestamp", String.valueOf(now()));
    }

    /** Withdraws an event, recording the deletion at now. */
    public synchronized void delete(String id) {
        events.remove(id);
        deletions.add(new LinkedHashMap<>(Map.of("event_id_cnty", id, "deleted_timestamp", String.valueOf(now()))));
    }

    public synchronized int size() {
        return events.size();
    }

    /** The clock's now in unix seconds, as timestamps are. */
    public long now() {
        return clock.instant().getEpochSecond();
    }

    // --- tokens and failures ---------------------------------------------------------------------

    public void tokenLifetime(Duration lifetime) {
        tokenLifetime = lifetime;
    }

    /** Refuse every refresh-token grant (400 invalid_grant), as after a refresh token's own expiry. */
    public void refuseRefreshTokens(boolean refuse) {
        refuseRefresh = refuse;
    }

    /** Every access token issued so far stops working (the next data call answers 401). */
    public void revokeAccessTokens() {
        accessTokens.clear();
    }

    public long grants(String grantType) {
        return requests("/oauth/token").stream().filter(r -> grantType.equals(r.form().get("grant_type"))).count();
    }

    public void throttleNext(int times, String retryAfter) {
        answerNext(DATA, times, 429, "{\"status\":429,\"message\":\"Too Many Requests\"}", "Retry-After", retryAfter);
    }

    public void failNext(int times, int status) {
        answerNext(DATA, times, status, "{\"status\":" + status + ",\"message\":\"Server error\"}");
    }

    public void unauthorizedNext(int times) {
        answerNext(DATA, times, 401, "{\"message\":\"The access token is expired\"}");
    }

    // --- the API ---------------------------------------------------------------------------------

    private void token(HttpExchange exchange, Recorded request) throws IOException {
        Map<String, String> form = request.form();
        boolean ok = "acled".equals(form.get("client_id")) && switch (form.getOrDefault("grant_type", "")) {
            case "password" -> email.equals(form.get("username")) && password.equals(form.get("password"));
            case "refresh_token" -> !refuseRefresh && refreshTokens.remove(form.getOrDefault("refresh_token", ""));
            default -> false;
        };
        if (!ok) {
            json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant"
                    + " is invalid, expired or revoked.\",\"message\":\"The provided authorization grant is invalid.\"}");
            return;
        }
        int n = issued.incrementAndGet();
        String access = "acc-" + n + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        String refresh = "ref-" + n + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        accessTokens.put(access, clock.instant().plus(tokenLifetime));
        refreshTokens.add(refresh);
        json(exchange, 200, json.writeValueAsString(Map.of("token_type", "Bearer", "expires_in", tokenLifetime.toSeconds(),
                "access_token", access, "refresh_token", refresh)));
    }

    private synchronized void read(HttpExchange exchange, Recorded request, boolean deleted) throws IOException {
        String auth = request.header("authorization");
        Instant expiry = auth == null || !auth.startsWith("Bearer ") ? null : accessTokens.get(auth.substring(7));
        if (expiry == null || !clock.instant().isBefore(expiry)) {
            json(exchange, 401, "{\"message\":\"The access token is expired or invalid\"}");
            return;
        }
        Map<String, String> q = request.query();
        String field = deleted ? "deleted_timestamp" : "timestamp";
        List<Map<String, Object>> rows = (deleted ? deletions : new ArrayList<>(events.values())).stream()
                .filter(row -> matches(row.get(field), q.get(field), q.getOrDefault(field + "_where", "=")))
                .sorted(Comparator.comparingLong((Map<String, Object> row) -> number(row.get(field), 0))
                        .thenComparing(row -> String.valueOf(row.get("event_id_cnty"))))
                .toList();
        int limit = (int) number(q.get("limit"), 5000);
        int page = (int) number(q.get("page"), 1);
        List<Map<String, Object>> slice = rows.subList(Math.min((page - 1) * limit, rows.size()),
                Math.min(page * limit, rows.size())).stream().map(row -> project(row, q.get("fields"))).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 200);
        body.put("success", true);
        body.put("last_update", 0);
        body.put("count", slice.size());
        body.put("messages", List.of());
        body.put("data", slice);
        body.put("filename", deleted ? "acled_deleted" : "acled_read");
        json(exchange, 200, json.writeValueAsString(body));
    }

    private static boolean matches(Object value, String wanted, String where) {
        if (wanted == null) {
            return true;
        }
        long v = number(value, Long.MIN_VALUE);
        long w = number(wanted, Long.MIN_VALUE);
        return v != Long.MIN_VALUE && switch (where) {
            case ">" -> v > w;
            case ">=" -> v >= w;
            case "<" -> v < w;
            case "<=" -> v <= w;
            default -> v == w;
        };
    }

    private static Map<String, Object> project(Map<String, Object> row, String fields) {
        if (fields == null) {
            return row;
        }
        Map<String, Object> projected = new LinkedHashMap<>();
        for (String f : fields.split("\\|")) {
            if (row.containsKey(f)) {
                projected.put(f, row.get(f));
            }
        }
        return projected;
    }

    private static long number(Object value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
