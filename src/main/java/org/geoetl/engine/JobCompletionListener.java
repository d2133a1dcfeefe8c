package org.geoetl.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Told when a job completes, inside the transaction that completes it (so what it writes commits
 * or rolls back with the completion). The catalog uses it to open an approval for what a job published.
 */
public interface JobCompletionListener {

    void jobCompleted(String jobId, String jobType, JsonNode result);
}
