package org.geoetl.curated.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.geoetl.curated.CuratedProperties;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.TransientTaskException;
import org.geoetl.support.AcledReplayServer;
import org.geoetl.support.MutableClock;
import org.geoetl.support.ReplayServer.Recorded;
import org.geoetl.support.TestOutbound;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** AcledClient against AcledReplayServer: paging, increments, tokens, failures, rejected rows. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AcledClientTest {

    private static final String EMAIL = "analyst@example.org";
    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final String READ = "/api/acled/read";
    private static final String DELETED = "/api/deleted/read";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T04:00:00Z"));
    private final Map<String, String> env = new HashMap<>(Map.of("ACLED_EMAIL", EMAIL, "ACLED_PASSWORD", PASSWORD));
    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    private AcledReplayServer acled;
    private AcledClient client;

    @BeforeEach
    void start() throws IOException {
        acled = new AcledReplayServer(clock, EMAIL, PASSWORD);
        RetryingHttp http = new RetryingHttp(TestOutbound.loopback(), new CuratedProperties.Retry(5, Duration.ofSeconds(1),
                Duration.ofSeconds(60)), slept::add, clock, () -> 0.5);
        client = new AcledClient(http, URI.create(acled.baseUrl()), new ObjectMapper(), clock, env::get);
    }

    @AfterEach
    void stop() {
        acled.close();
    }

    private void addEvents(int n, String prefix) {
        for (int i = 1; i <= n; i++) {
            acled.add(prefix + i, "2026-10-" + String.format("%02d", 1 + i % 28), 11.8 + i / 1000.0, 13.15 + i / 1000.0);
        }
    }

    private List<List<AcledEvent>> pages(Long since, int pageSize) {
        List<List<AcledEvent>> pages = new ArrayList<>();
        client.readEvents(since, pageSize, pages::add);
        return pages;
    }

    // --- paging and increments -----------------------------------------------------------------

    @Test
    void eventsArePagedUntilAShortPageAndParsedIntoTypedRecords() {
        addEvents(25, "NIG");
        List<List<AcledEvent>> pages = new ArrayList<>();
        AcledReadResult result = client.readEvents(null, 10, pages::add);
        assertThat(result.count()).isEqualTo(25);
        assertThat(result.rejected()).isZero();
        assertThat(pages).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(acled.requests(READ)).extracting(r -> r.query().get("page")).containsExactly("1", "2", "3");
        assertThat(acled.requests(READ)).allSatisfy(r -> assertThat(r.query()).containsEntry("_format", "json")
                .containsEntry("limit", "10").doesNotContainKey("timestamp"));
        AcledEvent first = pages.get(0).get(0);
        assertThat(first.eventIdCnty()).isEqualTo("NIG1");
        assertThat(first.eventDate()).isEqualTo(LocalDate.of(2026, 10, 2));
        assertThat(first.latitude()).isEqualTo(11.801);
        assertThat(first.longitude()).isEqualTo(13.151);
        assertThat(first.fatalities()).isEqualTo(2);
        assertThat(first.timestamp()).isEqualTo(acled.now());
        assertThat(first.eventType()).isEqualTo("Battles");
        assertThat(first.assocActor1()).as("empty string is absent").isNull();
    }

    @Test
    void aFullLastPageCostsOneEmptyPageAndNoEmptyConsumerCall() {
        addEvents(20, "NIG");
        assertThat(pages(null, 10)).extracting(List::size).containsExactly(10, 10);
        assertThat(acled.count(READ)).isEqualTo(3);
    }

    @Test
    void incrementalReadsSendTheTimestampFilterAndGetOnlyChangedEvents() {
        addEvents(5, "NIG");
        long lastLoad = acled.now();
        clock.advance(Duration.ofHours(1));
        acled.update("NIG3", "fatalities", "7");
        acled.add("NIG6", "2026-11-01", 11.9, 13.2);
        List<List<AcledEvent>> pages = pages(lastLoad + 1, 100);
        assertThat(pages).singleElement().satisfies(page -> assertThat(page).extracting(AcledEvent::eventIdCnty)
                .containsExactly("NIG3", "NIG6"));
        assertThat(pages.get(0).get(0).fatalities()).isEqualTo(7);
        Recorded request = acled.requests(READ).get(0);
        assertThat(request.query()).containsEntry("timestamp", String.valueOf(lastLoad + 1)).containsEntry("timestamp_where", ">=");
        assertThat(request.rawQuery()).contains("timestamp_where=%3E%3D");
    }

    @Test
    void deletionsAreReadIncrementally() {
        addEvents(5, "NIG");
        acled.delete("NIG1");
        long before = acled.now();
        clock.advance(Duration.ofMinutes(5));
        acled.delete("NIG2");
        acled.delete("NIG4");
        List<AcledDeletion> deleted = new ArrayList<>();
        AcledReadResult result = client.readDeletions(before + 1, 50, deleted::addAll);
        assertThat(result.count()).isEqualTo(2);
        assertThat(deleted).containsExactly(new AcledDeletion("NIG2", acled.now()), new AcledDeletion("NIG4", acled.now()));
        assertThat(acled.requests(DELETED).get(0).rawQuery())
                .contains("deleted_timestamp=" + (before + 1), "deleted_timestamp_where=%3E%3D");
        assertThat(client.readDeletions(null, 50, page -> { }).count()).isEqualTo(3);
    }

    @Test
    void changeDetectionAsksForOneRowNewerThanTheLastLoad() {
        addEvents(3, "NIG");
        long lastLoad = acled.now();
        assertThat(client.hasNewerThan(lastLoad)).isFalse();
        assertThat(client.hasDeletionsNewerThan(lastLoad)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        acled.update("NIG2", "notes", "corrected");
        assertThat(client.hasNewerThan(lastLoad)).isTrue();
        acled.delete("NIG3");
        assertThat(client.hasDeletionsNewerThan(lastLoad)).isTrue();
        assertThat(acled.requests(READ)).allSatisfy(r -> {
            assertThat(r.query()).containsEntry("limit", "1").containsEntry("timestamp_where", ">")
                    .containsEntry("timestamp", String.valueOf(lastLoad));
            assertThat(r.rawQuery()).contains("timestamp_where=%3E&");
        });
        assertThat(acled.requests(DELETED)).allSatisfy(r -> assertThat(r.query()).containsEntry("deleted_timestamp_where", ">"));
    }

    // --- rejected rows -------------------------------------------------------------------------

    @Test
    void unusableRowsAreCountedWithReasonsNeverDroppedSilently() {
        addEvents(3, "NIG");
        Map<String, Object> noId = AcledReplayServer.event("X", "2026-10-01", 1, 1);
        noId.remove("event_id_cnty");
        acled.put(noId);
        acled.put(with(AcledReplayServer.event("NIG90", "2026-10-01", 1, 1), "latitude", ""));
        acled.put(with(AcledReplayServer.event("NIG91", "2026-10-01", 1, 1), "longitude", "n/a"));
        acled.put(AcledReplayServer.event("NIG92", "2026-10-01", 95.0, 1));
        acled.put(with(AcledReplayServer.event("NIG93", "2026-10-01", 1, 1), "timestamp", ""));
        // lenient: numbers as JSON numbers, a bad date and an empty fatality count are no reason to reject
        Map<String, Object> lenient = with(with(AcledReplayServer.event("NIG94", "not a date", 1, 1), "latitude", 4.5),
                "fatalities", "");
        acled.put(lenient);

        List<AcledEvent> accepted = new ArrayList<>();
        AcledReadResult result = client.readEvents(null, 100, accepted::addAll);

        assertThat(result.count()).isEqualTo(4);
        assertThat(result.rejected()).isEqualTo(5);
        assertThat(result.count() + result.rejected()).isEqualTo(acled.size());
        assertThat(result.rejectedByReason()).containsEntry("missing event_id_cnty", 1L)
                .containsEntry("missing or invalid coordinates", 2L).containsEntry("coordinates out of range", 1L)
                .containsEntry("missing or invalid timestamp", 1L);
        assertThat(result.examples()).hasSize(5).anySatisfy(e -> assertThat(e).contains("event NIG92", "out of range"));
        AcledEvent nig94 = accepted.stream().filter(e -> e.eventIdCnty().equals("NIG94")).findFirst().orElseThrow();
        assertThat(nig94.latitude()).isEqualTo(4.5);
        assertThat(nig94.eventDate()).isNull();
        assertThat(nig94.fatalities()).isNull();
    }

    private static Map<String, Object> with(Map<String, Object> row, String field, Object value) {
        row.put(field, value);
        return row;
    }

    // --- tokens --------------------------------------------------------------------------------

    @Test
    void oneTokenServesManyCallsAndTheCredentialsTravelInTheBodyOnly() {
        addEvents(3, "NIG");
        pages(null, 2);
        client.hasNewerThan(0);
        assertThat(acled.grants("password")).isEqualTo(1);
        Recorded grant = acled.requests("/oauth/token").get(0);
        assertThat(grant.method()).isEqualTo("POST");
        assertThat(grant.header("content-type")).startsWith("application/x-www-form-urlencoded");
        assertThat(grant.form()).containsEntry("username", EMAIL).containsEntry("password", PASSWORD)
                .containsEntry("grant_type", "password").containsEntry("client_id", "acled");
        assertThat(acled.requests()).allSatisfy(r -> assertThat(r.requestLine()).doesNotContain(PASSWORD)
                .doesNotContain("correct-horse").doesNotContain("analyst"));
        assertThat(acled.requests(READ)).allSatisfy(r -> assertThat(r.header("authorization")).startsWith("Bearer acc-1-"));
    }

    @Test
    void anExpiredTokenIsRefreshedBeforeTheCall() {
        acled.tokenLifetime(Duration.ofMinutes(10));
        addEvents(2, "NIG");
        pages(null, 10);
        clock.advance(Duration.ofMinutes(11));
        pages(null, 10);
        assertThat(acled.grants("password")).isEqualTo(1);
        assertThat(acled.grants("refresh_token")).isEqualTo(1);
        assertThat(acled.count(READ)).as("no call went out with the expired token").isEqualTo(2);
        assertThat(acled.requests(READ).get(1).header("authorization")).startsWith("Bearer acc-2-");
    }

    @Test
    void a401IsAnsweredWithARefreshAndTheCallRepeated() {
        addEvents(2, "NIG");
        client.hasNewerThan(0);
        acled.revokeAccessTokens();
        assertThat(pages(null, 10)).singleElement().satisfies(p -> assertThat(p).hasSize(2));
        assertThat(acled.grants("refresh_token")).isEqualTo(1);
        assertThat(acled.grants("password")).isEqualTo(1);
    }

    @Test
    void aRefusedRefreshFallsBackToAPasswordGrant() {
        addEvents(2, "NIG");
        client.hasNewerThan(0);
        acled.revokeAccessTokens();
        acled.refuseRefreshTokens(true);
        assertThat(client.hasNewerThan(0)).isTrue();
        assertThat(acled.grants("refresh_token")).isEqualTo(1);
        assertThat(acled.grants("password")).isEqualTo(2);
    }

    @Test
    void a401AfterRefreshAndNewPasswordGrantIsPermanentNamingTheVariablesOnly() {
        addEvents(2, "NIG");
        acled.unauthorizedNext(3);
        PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class, () -> pages(null, 10));
        assertThat(e.getMessage()).isEqualTo("ACLED refused the credentials (HTTP 401); check ACLED_EMAIL and ACLED_PASSWORD");
        assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain(EMAIL);
        assertThat(acled.grants("password")).isEqualTo(2);
        assertThat(acled.grants("refresh_token")).isEqualTo(1);
        assertThat(acled.count(READ)).isEqualTo(3);
        assertThat(slept).isEmpty();
    }

    @Test
    void aWrongPasswordIsPermanentWithoutReadingData() {
        env.put("ACLED_PASSWORD", "wrong-password-123");
        PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class, () -> pages(null, 10));
        assertThat(e.getMessage()).contains("ACLED refused the credentials (HTTP 400); check ACLED_EMAIL and ACLED_PASSWORD")
                .doesNotContain("wrong-password");
        assertThat(acled.count(READ)).isZero();
    }

    @Test
    void missingCredentialsArePermanentNamingTheVariablesWithoutARequest() {
        env.clear();
        PermanentTaskException e = catchThrowableOfType(PermanentTaskException.class, () -> client.hasNewerThan(0));
        assertThat(e.getMessage()).contains("ACLED_EMAIL and ACLED_PASSWORD");
        assertThat(acled.requests()).isEmpty();
    }

    // --- throttling and failures ---------------------------------------------------------------

    @Test
    void throttlingHonoursRetryAfterAndServerErrorsAreRetried() {
        addEvents(15, "NIG");
        acled.throttleNext(1, "3");
        acled.failNext(2, 500);
        assertThat(client.readEvents(null, 10, page -> { }).count()).isEqualTo(15);
        // the 429 waits what it asked; the 500s after it back off as attempts 2 and 3 (jitter 0.5)
        assertThat(slept).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(acled.requests(READ)).extracting(r -> r.query().get("page")).containsExactly("1", "1", "1", "1", "2");
    }

    @Test
    void exhaustedRetriesAreTransientWithoutTokenOrQuery() {
        addEvents(2, "NIG");
        acled.failNext(5, 503);
        TransientTaskException e = catchThrowableOfType(TransientTaskException.class, () -> pages(null, 10));
        assertThat(e.getMessage()).contains("ACLED", "127.0.0.1", "HTTP 503").doesNotContain("acc-").doesNotContain("limit=");
        assertThat(slept).hasSize(4);
    }

    @Test
    void pageSizeOutsideTheApiRangeIsRefused() {
        assertThatThrownBy(() -> pages(null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pages(null, 5001)).isInstanceOf(IllegalArgumentException.class);
    }
}
