package org.geoetl.database;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code geoetl.database.*}: how the service authenticates to PostgreSQL beyond spring.datasource. */
public record DatabaseProperties(@Valid @NotNull @DefaultValue Entra entra) {

    /**
     * An Entra ID access token as the password (Azure Database for PostgreSQL with Entra
     * authentication; the identity is the pod's workload identity or the VM's managed identity).
     */
    public record Entra(
            @DefaultValue("false") boolean enabled,
            /* the token audience of Azure Database for PostgreSQL */
            @NotBlank @DefaultValue("https://ossrdbms-aad.database.windows.net/.default") String scope,
            /* a token is replaced this long before it expires (Entra tokens live 60-90 min) */
            @NotNull @DefaultValue("10m") Duration refreshBefore,
            /* how often the token's expiry is looked at */
            @NotNull @DefaultValue("1m") Duration checkEvery) {

        public Entra {
            if (checkEvery != null && refreshBefore != null && checkEvery.compareTo(refreshBefore) >= 0) {
                throw new IllegalArgumentException("geoetl.database.entra.check-every must be shorter than refresh-before,"
                        + " or a token could expire between two checks");
            }
        }
    }
}
