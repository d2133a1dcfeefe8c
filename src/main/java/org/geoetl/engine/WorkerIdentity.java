package org.geoetl.engine;

import java.lang.management.ManagementFactory;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * This process as a worker instance: {@code pid@host/nonce}, recorded in {@code app.tasks.executed_by}
 * and {@code app.worker_instances}. The nonce makes every start a new instance, so a restarted
 * process (a container's pid is always 1) never mistakes its previous incarnation's tasks for its own.
 */
@Component
public class WorkerIdentity {

    private final long pid = ProcessHandle.current().pid();
    private final String host = hostOf(ManagementFactory.getRuntimeMXBean().getName());
    /**
     * Opaque: task rows (readable by every reader) carry it, and host names and process ids are
     * internals; operators map it to host and pid through /api/workers.
     */
    private final String id = "w-" + HexFormat.of().formatHex(randomBytes());

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }

    public String id() {
        return id;
    }

    public long pid() {
        return pid;
    }

    public String host() {
        return host;
    }

    /** The runtime name is {@code pid@host}; the host part is what instances on one machine share. */
    static String hostOf(String runtimeName) {
        int at = runtimeName.indexOf('@');
        return at < 0 ? runtimeName : runtimeName.substring(at + 1);
    }
}
