package io.sgdscope.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged fat jar run as a user runs it, in its own JVM, with its output captured line by line. */
public final class JarProcess implements AutoCloseable {

    public static final Pattern METRICS_URL = Pattern.compile("metrics:\\s+(http://\\S+/metrics)");

    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Process process;

    private JarProcess(List<String> args) throws java.io.IOException {
        Path jar = Path.of(System.getProperty("sgdscope.jar", "target/sgdscope.jar"));
        assertThat(jar).as("the fat jar is built in the package phase").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g"));
        String javacpp = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (javacpp != null) {
            cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + javacpp);
        }
        // as bin/sgdscope starts it: the trainer's vector kernels, not their scalar fallback
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "-jar", jar.toString()));
        cmd.addAll(args);
        process = new ProcessBuilder(cmd).start();
        pump(process.getInputStream(), stdout, null);
        pump(process.getErrorStream(), stderr, JVM_NOTE);
    }

    /** The one line the JVM itself prints on stderr for {@code --add-modules jdk.incubator.vector}; not the app's. */
    private static final String JVM_NOTE = "WARNING: Using incubator modules: jdk.incubator.vector";

    public static JarProcess launch(String... args) throws java.io.IOException {
        return new JarProcess(List.of(args));
    }

    /** Collects the lines of {@code in} into {@code sink}, all but {@code skipped} (null: none). */
    private static void pump(InputStream in, List<String> sink, String skipped) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                r.lines().filter(l -> !l.equals(skipped)).forEach(sink::add);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** Group 1 of the first stdout line matching {@code pattern}, waiting up to {@code timeout}. */
    public String awaitStdout(Pattern pattern, Duration timeout) {
        return await().atMost(timeout).until(
                () -> stdout.stream().map(pattern::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst()
                        .orElse(null),
                v -> v != null);
    }

    public String awaitMetricsUrl() {
        return awaitStdout(METRICS_URL, Duration.ofSeconds(60));
    }

    public Process process() {
        return process;
    }

    public List<String> stdout() {
        return stdout;
    }

    public List<String> stderr() {
        return stderr;
    }

    public void clearOutput() {
        stdout.clear();
        stderr.clear();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
