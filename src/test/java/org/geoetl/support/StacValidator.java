package org.geoetl.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shared offline STAC validator (../shared/tools/validate-stac: STAC 1.0.0 and the
 * extensions a document declares) on documents the service served.
 */
public final class StacValidator {

    private StacValidator() {
    }

    static Path tool() {
        String configured = System.getenv("GEOETL_SHARED_DIR");
        for (Path candidate : List.of(
                configured == null ? Path.of("../shared") : Path.of(configured), Path.of("/work/shared"))) {
            Path tool = candidate.resolve("tools/validate-stac").toAbsolutePath().normalize();
            if (Files.isExecutable(tool)) {
                return tool;
            }
        }
        throw new IllegalStateException("validate-stac not found (set GEOETL_SHARED_DIR to the shared folder)");
    }

    /** Validates every document; returns the validator's report; fails if any is invalid. */
    public static String validate(ObjectMapper mapper, List<JsonNode> documents) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "stac-validate");
        for (int i = 0; i < documents.size(); i++) {
            Files.writeString(dir.resolve("doc-" + i + ".json"), mapper.writeValueAsString(documents.get(i)));
        }
        Process p = new ProcessBuilder(tool().toString(), dir.toAbsolutePath().toString()).redirectErrorStream(true).start();
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("validate-stac timed out");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("STAC validation failed:\n" + report);
        }
        return report;
    }
}
