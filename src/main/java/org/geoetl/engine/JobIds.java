package org.geoetl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.geoetl.engine.params.CanonicalJson;

/**
 * The one id formula. {@code job_id = sha256(job_type + "\n" + canonical validated params)} (minus the
 * parameters a job type leaves out, such as hello_world's failure_rate);
 * {@code task_id = sha256(job_id + "|" + stage + "|" + unit key)}. Both are 64 hex characters, so
 * task ids never collide across jobs.
 */
public final class JobIds {

    private JobIds() {
    }

    public static String jobId(String jobType, JsonNode validatedParams, Set<String> excluded) {
        return sha256(jobType + "\n" + CanonicalJson.of(validatedParams, excluded));
    }

    public static String taskId(String jobId, int stage, String unitKey) {
        return sha256(jobId + "|" + stage + "|" + unitKey);
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
