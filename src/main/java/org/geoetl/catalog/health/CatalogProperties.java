package org.geoetl.catalog.health;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code geoetl.catalog}: metadata consistency checks and their repair (docs/catalog.md). */
public record CatalogProperties(
        /* Quartz cron (seconds first, UTC) of the metadata consistency run; the seed's 03, 09, 15, 21 h */
        @NotBlank @DefaultValue("0 0 3,9,15,21 * * ?") String consistencyCron,
        /* most issues one check reports (the seed's 100); the rest is counted as truncated */
        @Min(1) @Max(10000) @DefaultValue("100") int maxIssuesPerCheck,
        /* how many of the most recent COGs the blob check looks at */
        @Min(1) @Max(100000) @DefaultValue("100") int blobCheckLimit,
        /* the consistency run submits rebuild_stac (not a dry run) for items missing behind catalog rows */
        @DefaultValue("false") boolean autoHeal) {
}
