package org.geoetl.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.geoetl.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The refresh decisions on an injected clock, against a scripted identity provider; the pool is a real (unopened) Hikari pool. */
class DatabaseTokenRefresherTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration BEFORE = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(T0);
    private final HikariDataSource pool = new HikariDataSource();
    private final ScriptedIdentityProvider provider = new ScriptedIdentityProvider();
    private final DatabaseTokenRefresher refresher = new DatabaseTokenRefresher(provider, clock, BEFORE, pool);

    /** Hands out the tokens (or failures) queued by the test, counting the calls. */
    static final class ScriptedIdentityProvider implements TokenSource {
        final Deque<Supplier<AccessToken>> answers = new ArrayDeque<>();
        int calls;

        void issues(String value, Instant expiresAt) {
            answers.add(() -> new AccessToken(value, expiresAt));
        }

        void fails(String message) {
            answers.add(() -> {
                throw new IllegalStateException(message);
            });
        }

        @Override
        public AccessToken fetch() {
            calls++;
            return answers.remove().get();
        }
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void theFirstCheckSetsATokenAndLaterChecksKeepItUntilItIsDue() {
        provider.issues("token-1", T0.plus(Duration.ofMinutes(60)));
        assertThat(refresher.refreshIfDue()).isTrue();
        assertThat(pool.getPassword()).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(49));
        assertThat(refresher.refreshIfDue()).isFalse();
        assertThat(provider.calls).isEqualTo(1);
        assertThat(refresher.expiresAt()).contains(T0.plus(Duration.ofMinutes(60)));
    }

    @Test
    void aTokenIsReplacedRefreshBeforeItsExpiry() {
        provider.issues("token-1", T0.plus(Duration.ofMinutes(60)));
        provider.issues("token-2", T0.plus(Duration.ofMinutes(120)));
        refresher.refreshIfDue();
        clock.advance(Duration.ofMinutes(50));
        assertThat(refresher.refreshIfDue()).isTrue();
        assertThat(pool.getPassword()).isEqualTo("token-2");
        assertThat(refresher.expiresAt()).contains(T0.plus(Duration.ofMinutes(120)));
    }

    @Test
    void aFailedRefreshKeepsTheCurrentTokenAndIsTriedAgainAtTheNextCheck() {
        provider.issues("token-1", T0.plus(Duration.ofMinutes(60)));
        provider.fails("AADSTS700024: client assertion is not within its valid time range");
        provider.issues("token-2", T0.plus(Duration.ofMinutes(115)));
        refresher.refreshIfDue();
        clock.advance(Duration.ofMinutes(51));
        assertThat(refresher.refreshIfDue()).isFalse();
        assertThat(pool.getPassword()).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(1));
        assertThat(refresher.refreshIfDue()).isTrue();
        assertThat(pool.getPassword()).isEqualTo("token-2");
        assertThat(provider.calls).isEqualTo(3);
    }

    @Test
    void withoutAFirstTokenTheStartFailsSayingWhy() {
        provider.fails("DefaultAzureCredential failed to retrieve a token");
        assertThatThrownBy(refresher::refreshIfDue).hasMessageContaining("no Entra token for the database")
                .hasMessageContaining("DefaultAzureCredential failed");
        assertThat(pool.getPassword()).isNull();
    }

    @Test
    void aTokenThatWouldBeDueAtOnceIsNotTaken() {
        provider.issues("token-1", T0.plus(Duration.ofMinutes(60)));
        provider.issues("stale", T0.plus(Duration.ofMinutes(55)));
        refresher.refreshIfDue();
        clock.advance(Duration.ofMinutes(50));
        assertThat(refresher.refreshIfDue()).isFalse();
        assertThat(pool.getPassword()).isEqualTo("token-1");
    }

    @Test
    void theDataSourceGetsItsTokenAsItIsCreated() throws Exception {
        provider.issues("token-1", T0.plus(Duration.ofMinutes(60)));
        var entra = new DatabaseProperties.Entra(true, "scope", BEFORE, Duration.ofMinutes(1));
        var clocks = new org.springframework.beans.factory.support.StaticListableBeanFactory(
                java.util.Map.of("clock", clock)).getBeanProvider(java.time.Clock.class);
        var password = new EntraDatabaseConfiguration.EntraPassword(entra, provider, clocks);
        try {
            assertThat(password.postProcessBeforeInitialization("not a pool", "other")).isEqualTo("not a pool");
            assertThat(provider.calls).isZero();
            assertThat(password.postProcessBeforeInitialization(pool, "dataSource")).isSameAs(pool);
            assertThat(pool.getPassword()).isEqualTo("token-1");
        } finally {
            password.destroy();
        }
    }

    @Test
    void tokensNeverShowInText() {
        assertThat(new AccessToken("secret-value", T0).toString()).doesNotContain("secret-value").contains(T0.toString());
    }

    @Test
    void checksMustComeMoreOftenThanTheRefreshMargin() {
        assertThatThrownBy(() -> new DatabaseProperties.Entra(true, "scope", Duration.ofMinutes(5), Duration.ofMinutes(5)))
                .hasMessageContaining("check-every must be shorter than refresh-before");
    }
}
