package org.geoetl.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Azurite, the Azure Blob emulator (npm package installed by scripts/setup.sh into .local/azurite),
 * started once per test JVM on 127.0.0.1:10000 and stopped when the JVM exits.
 */
public final class Azurite {

    private static Process process;

    private Azurite() {
    }

    public static synchronized void ensureRunning() throws Exception {
        if (listening()) {
            return;
        }
        Path bin = Path.of(".local", "azurite", "node_modules", ".bin", "azurite-blob").toAbsolutePath();
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException("Azurite is not installed at " + bin + "; run `make setup`");
        }
        Path data = Path.of("target", "azurite").toAbsolutePath();
        Files.createDirectories(data);
        process = new ProcessBuilder(bin.toString(), "--blobHost", "127.0.0.1", "--blobPort", "10000",
                "--location", data.toString(), "--silent", "--skipApiVersionCheck", "--loose")
                .redirectErrorStream(true).redirectOutput(data.resolve("azurite.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroy()));
        for (int i = 0; i < 120 && !listening(); i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Azurite exited; see " + data.resolve("azurite.log"));
            }
            Thread.sleep(250);
        }
        if (!listening()) {
            throw new IllegalStateException("Azurite did not listen on 127.0.0.1:10000 within 30 s");
        }
    }

    private static boolean listening() {
        try (Socket s = new Socket("127.0.0.1", 10000)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
