package org.geoetl.catalog.ingest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The records ingest_collection's stages exchange. Keys are the snake_case of
 * jobs/ingest_collection.yaml and of the results the API shows.
 */
final class IngestStages {

    private IngestStages() {
    }

    /** The job's parameters (validated, defaults applied). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Job(String sourceContainer, String targetContainer, String sourceAccount, String targetAccount,
               String collectionJsonPath, int batchSize, boolean overwrite, boolean createTargetContainer) {
    }

    /** One inventoried item: its sidecar and its assets (asset key → blob), relative to the container. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Entry(String itemId, String itemBlob, Map<String, String> assets) {
    }

    /** A batch task's parameters under batch(inventory.items, …). */
    record Batch(int index, int offset, List<Entry> items) {
    }

    /** What the inventory stage found: the collection (without links) and how many items and assets. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Inventory(String collectionId, com.fasterxml.jackson.databind.JsonNode collection, int totalItems,
                     int totalAssets) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Copied(int filesCopied, int filesSkipped, long bytesCopied) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Registered(int itemsRegistered) {
    }
}
