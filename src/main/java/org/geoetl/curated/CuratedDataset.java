package org.geoetl.curated;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A registry row: what is kept fresh, from where, into which table, how and when. */
public record CuratedDataset(String datasetId, String name, String description, SourceKind sourceKind, JsonNode source,
                             String targetSchema, String targetTable, String updateStrategy, String upsertKey,
                             String schedule, boolean enabled, boolean autoApprove, JsonNode style, boolean builtin,
                             String createdBy, Instant createdAt, Instant updatedAt, Instant lastCheckedAt,
                             Instant lastUpdatedAt, String lastJobId, String sourceVersion) {
}
