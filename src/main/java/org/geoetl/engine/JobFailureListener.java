package org.geoetl.engine;

/**
 * Told when a job fails or is cancelled, after the transaction that ended it committed, so a
 * pipeline can remove what it had started to build (staging tables, scratch files). Must be
 * idempotent and must not throw: a failure here is logged, the job stays failed.
 */
public interface JobFailureListener {

    void jobEnded(String jobId, String jobType, java.util.Map<String, Object> parameters);
}
