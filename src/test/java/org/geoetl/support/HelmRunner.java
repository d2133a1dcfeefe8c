package org.geoetl.support;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * helm (helm-java: helm's Go code as a native library) in a JVM of its own. Loaded into the test
 * JVM, the Go runtime takes over signals the JVM's attach mechanism needs, and every later Spring
 * test context fails to start Mockito; so the tests run helm here, as a child process.
 * main: {@code lint <chart>} or {@code template <chart> <out> [values file] [key=value]}.
 */
public final class HelmRunner {

    /** helm's exit code and what it printed (lint messages, or the error of a refused render). */
    public record Run(int exitCode, String output) {
    }

    private HelmRunner() {
    }

    public static Run lint(Path chart) throws IOException, InterruptedException {
        return run(List.of("lint", chart.toString()));
    }

    /** Renders into {@code out}; values may be null, set may be null (one key=value). */
    public static Run template(Path chart, Path out, Path values, String set) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("template", chart.toString(), out.toString(),
                values == null ? "-" : values.toString()));
        if (set != null) {
            args.add(set);
        }
        return run(args);
    }

    private static Run run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HelmRunner.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("helm " + args + " ran over 120 s");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws IOException {
        Path chart = Path.of(args[1]);
        if (args[0].equals("lint")) {
            LintResult lint = new Helm(chart).lint().strict().call();
            lint.getMessages().forEach(System.out::println);
            System.exit(lint.isFailed() ? 1 : 0);
        }
        TemplateCommand template = new Helm(chart).template().withName("geoetl").withNamespace("geoetl");
        if (!args[3].equals("-")) {
            template.withValuesFile(Path.of(args[3]));
        }
        if (args.length > 4) {
            String[] kv = args[4].split("=", 2);
            template.set(kv[0], kv[1]);
        }
        try {
            Files.writeString(Path.of(args[2]), template.call());
        } catch (RuntimeException e) {
            System.out.println(e.getMessage());
            System.exit(2);
        }
        System.exit(0);
    }
}
