package org.geoetl.curated.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The records curated_dataset_update's stages exchange. The check stage snapshots the registry
 * entry and the source version; every later stage reads them from there (the seed lost
 * {@code source_version} between stages, and re-read a registry that may have changed meanwhile).
 */
final class CuratedStages {

    private CuratedStages() {
    }

    /** The job's parameters. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Job(String datasetId, String updateType, boolean forceUpdate, boolean dryRun, String fireTime,
               String requestedBy) {
    }

    /**
     * What the check stage found: the registry entry as it stood, whether the source changed, the
     * version it now has (null when only the fetch can tell, e.g. a URL's checksum), and for file
     * sources the process_vector parameters the load runs with.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Checked(String datasetId, String sourceKind, String updateStrategy, String upsertKey, String targetSchema,
                   String targetTable, boolean autoApprove, boolean changed, String reason, String sourceVersion,
                   String previousVersion, String downloadUrl, String format, Long sinceTimestamp,
                   JsonNode vectorParameters, String title) {

        boolean acled() {
            return "acled".equals(sourceKind);
        }
    }

    /** What the fetch stage produced: nothing (unchanged, or a dry run), or chunks to load. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Fetched(boolean changed, String reason, String sourceVersion, Long bytes, Long features,
                   List<Map<String, Object>> chunks, Long eventsFetched, Long deletionsFetched, Long rejected,
                   Map<String, Long> rejections) {

        boolean skipped() {
            return chunks == null || chunks.isEmpty();
        }
    }
}
