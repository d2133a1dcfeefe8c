package org.geoetl.vector;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The records process_vector's stages exchange: the job's parameters, what prepare found, the part
 * of the layer each load task reads, and what each load task counted. Keys are the snake_case of
 * jobs/process_vector.yaml and of the results the API shows.
 */
final class VectorStages {

    private VectorStages() {
    }

    /** The job's parameters (validated, defaults applied). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Job(String schema, String tableName, boolean overwrite, String mixedGeometry, String sourceCrs,
               int chunkSize, Map<String, String> columnMapping, Indexes indexes, String title, String description,
               List<String> keywords, String license, String attribution, String blobName, String fileExtension) {

        List<String> indexedAttributes() {
            return indexes == null || indexes.attributes() == null ? List.of() : indexes.attributes();
        }

        List<String> keywordList() {
            return keywords == null ? List.of() : keywords;
        }
    }

    record Indexes(List<String> attributes) {
    }

    /** The prepare stage's result: the layer, its CRS and columns, and how it is cut into chunks. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Prepared(String format, String driver, String layer, String sourceCrs, long features, String chunking,
                    List<ColumnNames.Column> columns, List<Chunk> chunks) {
    }

    /** One load task's part of the layer: a FID range, or a position range (offset, count). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Chunk(int chunk, Long fidFrom, Long fidTo, Long offset, Long count) {

        boolean byFid() {
            return fidFrom != null;
        }
    }

    /** A load task's parameters under each(prepare.chunks). */
    record ChunkTask(int index, Chunk item) {
    }

    /** A load task's counts. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Loaded(int chunk, long featuresRead, long featuresRepaired, long featuresRejected, Map<String, Long> repairs,
                  Map<String, Long> rejections, Map<String, Long> attributeFixes, Map<String, Long> loadedByFamily) {
    }
}
