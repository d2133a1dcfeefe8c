package org.geoetl.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where output tables live: the business database when {@code geoetl.business-db.url} is set,
 * else the app database. Everything that creates, writes, reads or drops a {@code geo.*} table
 * goes through this, never through the app pool, so with two databases an output table exists
 * only in the business one and rebuilding the app database cannot touch it. The business pool is
 * not a {@code DataSource} bean: the app pool stays the one Spring Boot, Flyway and Quartz use.
 */
@Component
public class OutputDatabase implements DisposableBean {

    private final boolean separate;
    private final String name;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;

    public OutputDatabase(BusinessDbProperties business, DataSource app, JdbcTemplate appJdbc,
                          NamedParameterJdbcTemplate appNamed, TransactionTemplate appTx,
                          ObjectProvider<EntraDatabaseConfiguration.EntraPassword> entra) {
        this.separate = business.configured();
        if (!separate) {
            this.name = "app";
            this.dataSource = app;
            this.jdbc = appJdbc;
            this.named = appNamed;
            this.tx = appTx;
            return;
        }
        EntraDatabaseConfiguration.EntraPassword token = entra.getIfAvailable();
        HikariDataSource pool = pool(business, token == null ? p -> { } : token::attach);
        this.name = databaseName(business.url());
        this.dataSource = pool;
        this.jdbc = new JdbcTemplate(pool);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    private static HikariDataSource pool(BusinessDbProperties business, Consumer<HikariDataSource> entra) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("geoetl-business");
        config.setJdbcUrl(business.url());
        config.setUsername(business.username());
        config.setPassword(business.password());
        config.setMaximumPoolSize(business.maximumPoolSize());
        config.setConnectionTimeout(10_000);
        // opened lazily: a business database that is down fails the tasks that need it, not the start
        config.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(config);
        entra.accept(pool);
        return pool;
    }

    /** The database part of a JDBC url (what answers and logs may name; never host or credentials). */
    static String databaseName(String url) {
        String path = url.replaceFirst("^jdbc:postgresql://[^/]*/?", "");
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** Whether outputs have a database of their own (the business database). */
    public boolean separate() {
        return separate;
    }

    /** "app", or the business database's name. */
    public String name() {
        return name;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public NamedParameterJdbcTemplate named() {
        return named;
    }

    /** Transactions on the output database (with one database: the app's transactions). */
    public TransactionTemplate tx() {
        return tx;
    }

    @Override
    public void destroy() {
        if (separate && dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }
}
