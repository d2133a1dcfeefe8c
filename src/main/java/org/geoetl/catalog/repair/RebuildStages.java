package org.geoetl.catalog.repair;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The records rebuild_stac's stages exchange (snake_case of jobs/rebuild_stac.yaml). */
final class RebuildStages {

    private RebuildStages() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Job(String dataType, List<String> items, boolean dryRun, boolean forceRecreate, String collectionId,
               String schema) {
    }

    /** One item to rebuild: a table (schema, table) or a COG (collection, cog id), and its STAC item. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Target(String dataType, String name, String schema, String collectionId, String itemId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Invalid(String name, String reason) {
    }

    /**
     * Stage 1's finding: what can be rebuilt ({@code valid}), what stage 2 will rebuild ({@code rebuild}:
     * empty for a dry run), what is left alone because its item exists ({@code skipped}) and why the rest cannot.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Validated(boolean dryRun, List<Target> valid, List<Target> rebuild, List<Target> skipped, List<Invalid> invalid) {
    }

    record Slot(int index, Target item) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Rebuilt(String collectionId, String itemId, String action) {
    }
}
