package org.geoetl.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.geoetl.support.DeployTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, linted with dockerfile-utils (npm) and read for what the deployment relies on.
 * No Docker engine runs here: its build steps are the scripts `make setup` runs, exercised there.
 */
class DockerfileIT {

    private static final Path DOCKERFILE = Path.of("Dockerfile").toAbsolutePath();

    @BeforeAll
    static void tools() throws Exception {
        DeployTools.install();
    }

    @Test
    void theDockerfileLintsClean() throws Exception {
        DeployTools.Run lint = DeployTools.lintDockerfile(DOCKERFILE);
        assertThat(lint.output()).as("linter findings").isBlank();
        assertThat(lint.exitCode()).isZero();
    }

    @Test
    void theLinterFindsWhatIsWrong() throws Exception {
        Path bad = Files.createTempFile("Dockerfile", ".bad");
        Files.writeString(bad, "FROM debian:bookworm-slim\nEXPOSE http\nHEALTHCHECK CMD true\nHEALTHCHECK CMD false\nUSER\n");
        DeployTools.Run lint = DeployTools.lintDockerfile(bad);
        assertThat(lint.exitCode()).isNotZero();
        assertThat(lint.output()).contains("Invalid containerPort: http").contains("only be one HEALTHCHECK")
                .contains("no arguments");
    }

    @Test
    void oneNonRootImageOnBookwormSlimWithAHealthcheckAndTheHeapFromTheContainerLimit() throws Exception {
        List<String> lines = Files.readAllLines(DOCKERFILE);
        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).hasSize(2);
        assertThat(from.get(1)).isEqualTo("FROM debian:bookworm-slim");
        String text = Files.readString(DOCKERFILE);
        String runtime = text.substring(text.lastIndexOf("FROM "));
        assertThat(runtime).contains("openjdk-17-jre-headless", "libgdal32", "gdal-data")
                .doesNotContain("libgdal-dev", "build-essential", "maven");
        assertThat(runtime).containsPattern("(?m)^USER 10001:10001$");
        assertThat(runtime).containsPattern("(?m)^HEALTHCHECK .*\\n\\s+CMD curl -fsS http://127.0.0.1:8080/livez");
        assertThat(runtime).contains("-XX:MaxRAMPercentage=75").contains("GEOETL_ROLES=");
        // the build stage builds the JNI library with the script make setup runs
        assertThat(text).contains("RUN bash scripts/build-gdal-jni.sh");
        assertThat(Files.readString(Path.of("scripts", "setup.sh"))).contains("scripts/build-gdal-jni.sh");
    }
}
