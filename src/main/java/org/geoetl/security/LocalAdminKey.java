package org.geoetl.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.geoetl.config.GeoEtlProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Installs the local admin key at start: {@code make setup} writes a random key to
 * {@code .local/admin.key} (mode 600, never committed) so that a laptop install works with two
 * commands and no shared default secret. Only its hash reaches the database.
 */
@Component
public class LocalAdminKey implements org.geoetl.database.AppDatabaseSeed {

    static final String KEY_ID = "local-admin";
    private static final Logger log = LoggerFactory.getLogger(LocalAdminKey.class);

    private final ApiKeys keys;
    private final Path file;

    public LocalAdminKey(ApiKeys keys, GeoEtlProperties properties) {
        this.keys = keys;
        this.file = Path.of(properties.security().adminKeyFile());
    }

    /**
     * During start-up, before the web server accepts a request: a client that sees /readyz answer
     * must find the key installed (run as an ApplicationRunner it raced the first requests).
     */
    @Override
    public String seedName() {
        return "local admin key";
    }

    @Override
    public void seed() {
        try {
            install();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @jakarta.annotation.PostConstruct
    public void install() throws IOException {
        if (!Files.isRegularFile(file)) {
            log.info("no local admin key file ({}); API keys are managed by admins, tokens by the identity provider",
                    file.getFileName());
            return;
        }
        warnIfShared();
        String key = Files.readString(file, StandardCharsets.US_ASCII).trim();
        keys.install(KEY_ID, key, KEY_ID, Set.of(Role.ADMIN), "local admin key from " + file.getFileName());
        if (keys.revoked(KEY_ID)) {
            log.warn("the local admin key is revoked and stays so; delete {} and run make setup for a new one",
                    file.getFileName());
        } else {
            log.info("local admin key installed (key id {})", KEY_ID);
        }
    }

    private void warnIfShared() throws IOException {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (!EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE).containsAll(p)) {
                log.warn("the local admin key file is readable by other users: chmod 600 it");
            }
        } catch (UnsupportedOperationException e) {
            log.debug("no POSIX permissions here");
        }
    }
}
