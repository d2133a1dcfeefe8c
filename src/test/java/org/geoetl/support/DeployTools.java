package org.geoetl.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm tools of deploy/tools (Dockerfile linter, Kubernetes and KEDA schemas), installed from
 * its package-lock.json with npm ci when missing, and run as processes.
 */
public final class DeployTools {

    public static final Path DIR = Path.of("deploy", "tools").toAbsolutePath();

    /** A tool's exit code and its standard output and error together. */
    public record Run(int exitCode, String output) {
    }

    private DeployTools() {
    }

    public static synchronized void install() throws IOException, InterruptedException {
        if (Files.isDirectory(DIR.resolve("node_modules/dockerfile-utils"))
                && Files.isDirectory(DIR.resolve("node_modules/kubernetes-models"))
                && Files.isDirectory(DIR.resolve("node_modules/@kubernetes-models/keda"))) {
            return;
        }
        Run npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        if (npm.exitCode() != 0) {
            throw new IllegalStateException("npm ci in deploy/tools failed:\n" + npm.output());
        }
    }

    public static Run lintDockerfile(Path dockerfile) throws IOException, InterruptedException {
        return run(List.of(DIR.resolve("node_modules/.bin/dockerfile-utils").toString(), "lint", dockerfile.toString()), 60);
    }

    public static Run validateManifests(Path yaml) throws IOException, InterruptedException {
        return run(List.of("node", DIR.resolve("validate-manifests.mjs").toString(), yaml.toString()), 120);
    }

    private static Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(DIR.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " ran over " + timeoutSeconds + " s");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
