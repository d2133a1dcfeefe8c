package org.geoetl.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Blobs as files under {@code root/<container>/<name>}. A write goes to {@code root/.incoming}
 * first and is moved into place atomically, so readers never see a partial blob.
 */
public class LocalBlobStorage implements BlobStorage {

    private final String account;
    private final Path root;
    private final String hrefPrefix;
    private final String hrefSuffix;

    /** Blobs are served at {@code hrefPrefix + container + "/" + name + hrefSuffix} (the storage API). */
    public LocalBlobStorage(String account, Path root, String hrefPrefix, String hrefSuffix) {
        this.account = account;
        this.root = root.toAbsolutePath().normalize();
        this.hrefPrefix = hrefPrefix;
        this.hrefSuffix = hrefSuffix;
    }

    @Override
    public String account() {
        return account;
    }

    Path path(String container, String name) {
        Path dir = root.resolve(BlobNames.container(container));
        Path file = dir.resolve(BlobNames.blob(name)).normalize();
        if (!file.startsWith(dir)) {
            throw new InvalidBlobNameException("blob name '" + name + "' leaves its container");
        }
        return file;
    }

    @Override
    public Optional<BlobInfo> stat(String container, String name) {
        Path file = path(container, name);
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.isRegularFile() ? Optional.of(info(container, name, a)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Blob names are keys, but here they are paths: "a" and "a/b" cannot both exist. Say so (409)
     * rather than fail with a file-system error.
     */
    private void checkPlace(String container, String name, Path target) {
        if (Files.isDirectory(target)) {
            throw new BlobConflictException("'" + name + "' is a folder of other blobs in " + container
                    + "; a blob cannot have the same name");
        }
        Path top = root.resolve(container);
        for (Path p = target.getParent(); p != null && p.startsWith(top) && !p.equals(top); p = p.getParent()) {
            if (Files.isRegularFile(p)) {
                throw new BlobConflictException("'" + top.relativize(p) + "' is a blob in " + container
                        + "; it cannot also be a folder");
            }
        }
    }

    @Override
    public BlobInfo put(String container, String name, InputStream content, long maxBytes, String contentType) {
        Path target = path(container, name);
        checkPlace(container, name, target);
        Path incoming = root.resolve(".incoming");
        Path temp = incoming.resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(incoming);
            Files.createDirectories(target.getParent());
            try (InputStream in = new LimitedInputStream(content, maxBytes)) {
                Files.copy(in, temp);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return stat(container, name).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + container + "/" + name + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: a leftover temp file is invisible to readers
            }
        }
    }

    @Override
    public BlobInfo putFile(String container, String name, Path file, String contentType) {
        Path target = path(container, name);
        checkPlace(container, name, target);
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // another filesystem: copy through the atomic write path instead
                try (InputStream in = Files.newInputStream(file)) {
                    return put(container, name, in, Long.MAX_VALUE, contentType);
                }
            }
            return stat(container, name).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public java.util.Optional<Path> localFile(String container, String name) {
        Path file = path(container, name);
        return Files.isRegularFile(file) ? java.util.Optional.of(file) : java.util.Optional.empty();
    }

    @Override
    public InputStream open(String container, String name) {
        try {
            return Files.newInputStream(path(container, name));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(container, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(String container, String name, long offset, long length) {
        try {
            java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(path(container, name));
            channel.position(offset);
            return new LimitedRead(java.nio.channels.Channels.newInputStream(channel), length);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(container, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<BlobInfo> list(String container, String prefix, String after, int limit) {
        Path dir = root.resolve(BlobNames.container(container));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> prefix == null || n.startsWith(prefix))
                    .filter(n -> after == null || n.compareTo(after) > 0)
                    .sorted().limit(limit)
                    .map(n -> stat(container, n).orElseThrow()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean delete(String container, String name) {
        try {
            return Files.deleteIfExists(path(container, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void ensureContainer(String container) {
        try {
            Files.createDirectories(root.resolve(BlobNames.container(container)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean containerExists(String container) {
        return Files.isDirectory(root.resolve(BlobNames.container(container)));
    }

    @Override
    public String href(String container, String name) {
        return hrefPrefix + container + "/" + name + hrefSuffix;
    }

    private static BlobInfo info(String container, String name, BasicFileAttributes a) {
        java.time.Instant modified = a.lastModifiedTime().toInstant();
        String etag = "\"" + Long.toHexString(a.size()) + "-" + Long.toHexString(modified.getEpochSecond()) + "-"
                + Integer.toHexString(modified.getNano()) + "\"";
        return new BlobInfo(container, name, a.size(), OffsetDateTime.ofInstant(modified, ZoneOffset.UTC), null, etag);
    }
}
