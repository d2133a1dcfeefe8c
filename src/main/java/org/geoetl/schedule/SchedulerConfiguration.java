package org.geoetl.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.geoetl.config.GeoEtlProperties;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives camel-quartz its scheduler: clustered on PostgreSQL ({@code quartz.qrtz_*}, migration
 * V012) through the service's own connection pool, or in memory. Every {@code quartz:} route
 * uses it, so with several instances on one database each cron tick fires once.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerConfiguration {

    static final String DATA_SOURCE = "geoetl";

    @Bean
    ComponentCustomizer quartzScheduler(GeoEtlProperties properties, DataSource dataSource) {
        SchedulerProperties s = properties.scheduler();
        return ComponentCustomizer.forType(QuartzComponent.class, component -> {
            try {
                component.setSchedulerFactory(new StdSchedulerFactory(quartzProperties(s, dataSource)));
            } catch (SchedulerException e) {
                throw new IllegalStateException("Quartz configuration refused: " + e.getMessage(), e);
            }
            // the Camel context name prefixes the scheduler name; ours is fixed (camel.main.name), so
            // every instance of a cluster names the scheduler alike, as clustering requires
            component.setPrefixInstanceName(false);
        });
    }

    static Properties quartzProperties(SchedulerProperties s, DataSource dataSource) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", s.instanceName());
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(s.threads()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(s.misfireThreshold().toMillis()));
        if (!s.clustered()) {
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            return p;
        }
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new PooledConnections(dataSource));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.tablePrefix", "quartz.qrtz_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(s.clusterCheckinInterval().toMillis()));
        // row locks in qrtz_locks (SELECT … FOR UPDATE) serialise trigger acquisition across instances
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    /** Quartz borrows connections from the service's pool instead of opening its own. */
    record PooledConnections(DataSource dataSource) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to Spring, which closes it
        }

        @Override
        public void initialize() {
        }
    }
}
