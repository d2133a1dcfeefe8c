package org.geoetl.gdal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gzipped tars (made by the system's GNU tar) unpack with the upload rules: no escapes, no links, a size cap. */
class TarGzArchivesTest {

    @TempDir
    Path dir;

    private Path tar(Path base, String... args) throws Exception {
        Path out = dir.resolve("a" + System.nanoTime() + ".tar.gz");
        List<String> cmd = new java.util.ArrayList<>(List.of("tar", "-C", base.toString(), "-czf", out.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        return out;
    }

    @Test
    void aFileGeodatabaseDirectoryUnpacksWhole() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/WDPA_Nov2026.gdb"));
        Files.writeString(src.resolve("a00000001.gdbtable"), "x".repeat(2000));
        Files.writeString(dir.resolve("src/README.txt"), "read me");
        List<Path> files = TarGzArchives.extract(tar(dir.resolve("src"), "WDPA_Nov2026.gdb", "README.txt"),
                dir.resolve("out"), 1 << 20);
        assertThat(files).hasSize(2);
        assertThat(Files.readString(dir.resolve("out/WDPA_Nov2026.gdb/a00000001.gdbtable"))).hasSize(2000);
        assertThat(VectorFormat.detect(tar(dir.resolve("src"), "README.txt"))).isEqualTo(VectorFormat.TAR_GZ);
    }

    @Test
    void linksAbsolutePathsAndOversizeContentAreRefused() throws Exception {
        Path src = Files.createDirectories(dir.resolve("links"));
        Files.writeString(src.resolve("data.txt"), "y".repeat(5000));
        Files.createSymbolicLink(src.resolve("passwd"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> TarGzArchives.extract(tar(src, "passwd"), dir.resolve("o1"), 1 << 20))
                .hasMessageContaining("link");
        assertThatThrownBy(() -> TarGzArchives.extract(tar(src, "--absolute-names", src.resolve("data.txt").toString()),
                dir.resolve("o2"), 1 << 20)).hasMessageContaining("absolute");
        assertThatThrownBy(() -> TarGzArchives.extract(tar(src, "data.txt"), dir.resolve("o3"), 1000))
                .hasMessageContaining("expands beyond");
        assertThat(dir.resolve("o3/data.txt")).doesNotExist();
    }
}
