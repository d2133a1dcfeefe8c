package org.geoetl.support;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (target/geoetl-*.jar) as a separate OS process on the test database, so a
 * test can kill -9 it, SIGTERM it, and start it again on the same persistent broker journal.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Path brokerDir;
    private final Path log;
    private final List<String> extraArgs;
    private final int port;
    private final String adminKey;
    private Process process;
    private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
    private String appDatabase = Database.URL;

    public ServiceProcess(String name, String... extraArgs) throws IOException {
        this.brokerDir = Path.of("target", "it-" + name + "-" + System.nanoTime(), "artemis").toAbsolutePath();
        this.log = brokerDir.getParent().resolve("service.log");
        Files.createDirectories(brokerDir);
        this.extraArgs = List.of(extraArgs);
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        this.adminKey = org.geoetl.security.ApiKeyFormat.generate().key();
        Path keyFile = brokerDir.getParent().resolve("admin.key");
        Files.writeString(keyFile, adminKey);
        Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    /** The app database of this process, when not the test database; set before {@link #start()}. */
    public ServiceProcess appDatabase(String jdbcUrl) {
        this.appDatabase = jdbcUrl;
        return this;
    }

    /** An environment variable of the process (credentials a source needs); set before {@link #start()}. */
    public ServiceProcess environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The admin key this process installs at start (its own key file, like make setup writes). */
    public String adminKey() {
        return adminKey;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public void start() throws Exception {
        File jar = Files.list(Path.of("target")).map(Path::toFile)
                .filter(f -> f.getName().matches("geoetl-.*\\.jar")).findFirst()
                .orElseThrow(() -> new IllegalStateException("package the service first (mvn package)"));
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.library.path=" + Path.of(".local", "gdal-jni").toAbsolutePath(),
                "-jar", jar.getAbsolutePath(),
                "--server.port=" + port,
                "--spring.datasource.url=" + appDatabase + "?reWriteBatchedInserts=true",
                "--geoetl.broker.data-dir=" + brokerDir,
                "--geoetl.security.admin-key-file=" + brokerDir.getParent().resolve("admin.key"),
                // asset hrefs of local storage point at this process, so real clients can follow them
                "--geoetl.public-url=" + url()));
        cmd.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().putAll(environment);
        process = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited during start-up; see " + log);
            }
            if (ready()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("service not ready after 90 s; see " + log);
    }

    private boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/readyz").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** kill -9: no shutdown hook, no flush, nothing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then wait for the graceful shutdown to finish. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new IllegalStateException("service did not stop within 90 s of SIGTERM; see " + log);
        }
        return process.exitValue();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
