package org.geoetl.database;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code geoetl.business-db.*}: the business database the output tables ({@code geo.*}) go to
 * (seed EN2). Unset (no url), outputs share the app database. The password comes from the
 * environment only ({@code GEOETL_BUSINESS_DB_PASSWORD}); with {@code geoetl.database.entra.enabled}
 * it is an Entra token instead, refreshed like the app pool's.
 */
@Validated
@ConfigurationProperties("geoetl.business-db")
public record BusinessDbProperties(
        /* JDBC url of the business database, e.g. jdbc:postgresql://host:5432/geoetl_business; empty = the app database */
        @NotNull @DefaultValue("") String url,
        /* a role that may create and write tables in the output schemas, but owns no schema */
        @NotNull @DefaultValue("") String username,
        @NotNull @DefaultValue("") String password,
        /* connections of the business pool (loads, swaps, previews, health checks) */
        @Min(1) @Max(200) @DefaultValue("8") int maximumPoolSize) {

    public boolean configured() {
        return !url.isBlank();
    }

    @Override
    public String toString() {
        return "BusinessDbProperties[url=" + url + ", username=" + username + ", password=***]";
    }
}
