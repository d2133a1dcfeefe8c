package org.geoetl.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * scripts/cluster.sh driven from a test: its own cluster directory, the test database, ports off
 * the default ones, an admin key of its own. Every call runs the script as a person would.
 */
public final class LocalCluster implements AutoCloseable {

    private final Path dir;
    private final int basePort;
    private final int brokerPort;
    private final String adminKey;
    private final String extraArgs;

    public LocalCluster(String name, int basePort, int brokerPort, String extraArgs) throws IOException {
        this.dir = Path.of("target", name + "-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dir);
        this.basePort = basePort;
        this.brokerPort = brokerPort;
        this.extraArgs = extraArgs;
        this.adminKey = org.geoetl.security.ApiKeyFormat.generate().key();
        Path keyFile = dir.resolve("admin.key");
        Files.writeString(keyFile, adminKey);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    }

    public String adminKey() {
        return adminKey;
    }

    /** The api process (n = 0) or worker n. */
    public String url(int n) {
        return "http://127.0.0.1:" + (basePort + n);
    }

    public Path storage() {
        return dir.resolve("storage");
    }

    public long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(name + ".pid")).trim());
    }

    /** Runs {@code scripts/cluster.sh <args>}; its output goes to the cluster directory's cluster.log. */
    public void run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "scripts/cluster.sh"));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("cluster.log").toFile()));
        builder.environment().put("GEOETL_CLUSTER_DIR", dir.toString());
        builder.environment().put("GEOETL_CLUSTER_DB_URL", "jdbc:postgresql://localhost:5432/geoetl_test?reWriteBatchedInserts=true");
        builder.environment().put("GEOETL_CLUSTER_BASE_PORT", String.valueOf(basePort));
        builder.environment().put("GEOETL_BROKER_PORT", String.valueOf(brokerPort));
        builder.environment().put("GEOETL_CLUSTER_ADMIN_KEY_FILE", dir.resolve("admin.key").toString());
        builder.environment().put("GEOETL_CLUSTER_ARGS", extraArgs);
        Process p = builder.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " ran over 300 s; see " + dir);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " failed:\n"
                    + Files.readString(dir.resolve("cluster.log")));
        }
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("cluster.log"));
    }

    @Override
    public void close() throws Exception {
        run("stop");
    }
}
