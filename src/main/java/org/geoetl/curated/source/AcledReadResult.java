package org.geoetl.curated.source;

import java.util.List;
import java.util.Map;

/**
 * What one paged read delivered and what it refused. Rejected rows are never dropped silently:
 * they are counted by reason, with the first few named, so the update log can say what was skipped.
 *
 * @param count            rows handed to the page consumer
 * @param rejected         rows refused (no id, no usable coordinates or timestamp)
 * @param rejectedByReason the same, by reason
 * @param examples         up to {@value #MAX_EXAMPLES} rejections, e.g. "page 2 row 17 (event NIG1234): missing latitude"
 */
public record AcledReadResult(long count, long rejected, Map<String, Long> rejectedByReason, List<String> examples) {

    public static final int MAX_EXAMPLES = 20;

    public AcledReadResult {
        rejectedByReason = Map.copyOf(rejectedByReason);
        examples = List.copyOf(examples);
    }
}
