package org.geoetl.database;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@code geoetl.database.entra.enabled}: the pool's password is an Entra token, set before the pool
 * opens its first connection (so Flyway's migration already logs in with it) and refreshed on a
 * timer of its own. spring.datasource.password is then unused.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "geoetl.database.entra.enabled", havingValue = "true")
public class EntraDatabaseConfiguration {

    @Bean
    static EntraPassword entraDatabasePassword(Environment environment, ObjectProvider<Clock> clock) {
        DatabaseProperties.Entra entra = Binder.get(environment).bind("geoetl.database", DatabaseProperties.class)
                .map(DatabaseProperties::entra).orElseThrow(() -> new IllegalStateException("geoetl.database.entra is not set"));
        return new EntraPassword(entra, new EntraTokenSource(entra.scope()), clock);
    }

    /** Sets the first token on the HikariDataSource as it is created, then refreshes it every check-every. */
    static final class EntraPassword implements BeanPostProcessor, DisposableBean {

        private static final Logger log = LoggerFactory.getLogger(EntraPassword.class);

        private final DatabaseProperties.Entra entra;
        private final TokenSource source;
        private final ObjectProvider<Clock> clock;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "geoetl-db-token");
            t.setDaemon(true);
            return t;
        });

        EntraPassword(DatabaseProperties.Entra entra, TokenSource source, ObjectProvider<Clock> clock) {
            this.entra = entra;
            this.source = source;
            this.clock = clock;
        }

        @Override
        public Object postProcessBeforeInitialization(Object bean, String beanName) {
            if (bean instanceof HikariDataSource pool) {
                attach(pool);
            }
            return bean;
        }

        /** Sets a token on {@code pool} now and keeps it fresh (the app pool, and the business pool of {@link OutputDatabase}). */
        void attach(HikariDataSource pool) {
            DatabaseTokenRefresher refresher = new DatabaseTokenRefresher(source,
                    clock.getIfAvailable(Clock::systemUTC), entra.refreshBefore(), pool);
            refresher.refreshIfDue();
            long every = entra.checkEvery().toMillis();
            timer.scheduleWithFixedDelay(() -> {
                try {
                    refresher.refreshIfDue();
                } catch (RuntimeException e) {
                    log.warn("database token check failed: {}", e.getMessage());
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }

        @Override
        public void destroy() {
            timer.shutdownNow();
        }
    }
}
