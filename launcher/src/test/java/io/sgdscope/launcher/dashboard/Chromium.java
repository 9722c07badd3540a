package io.sgdscope.launcher.dashboard;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real headless Chromium (Debian's {@code chromium}), started with a throw-away profile and
 * {@code --remote-debugging-port=0}; the port it chose is read from {@code DevToolsActivePort}.
 * A missing browser fails the test with how to install it: the dashboard test is never skipped.
 */
final class Chromium implements AutoCloseable {

    /** Overrides where the browser is; otherwise {@code /usr/bin/chromium}, then {@code PATH}. */
    static final String BINARY_PROPERTY = "sgdscope.chromium";
    static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    static final String INSTALL = "headless Chromium is needed to test the live dashboard: install it with "
            + "'sudo apt-get install chromium' (Debian; .ci/run does this) or pass -D" + BINARY_PROPERTY
            + "=/path/to/chromium";

    private final Process process;
    private final Path profile;
    private final int port;

    private Chromium(Process process, Path profile, int port) {
        this.process = process;
        this.profile = profile;
        this.port = port;
    }

    /** The browser to run: the property if set (it must exist), else /usr/bin/chromium, else the first on PATH. */
    static Path locate(String override, String pathEnv) {
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            if (!Files.isExecutable(p)) {
                throw new AssertionError(BINARY_PROPERTY + "=" + override + " is not an executable file; " + INSTALL);
            }
            return p;
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/usr/bin/chromium"));
        if (pathEnv != null) {
            for (String dir : pathEnv.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    NAMES.forEach(n -> candidates.add(Path.of(dir, n)));
                }
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("no Chromium found at /usr/bin/chromium or on PATH; " + INSTALL));
    }

    static Chromium launch(Path logFile) throws IOException {
        Path binary = locate(System.getProperty(BINARY_PROPERTY), System.getenv("PATH"));
        Path profile = Files.createTempDirectory("sgdscope-chromium-");
        List<String> cmd = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--hide-scrollbars", "about:blank");
        Files.createDirectories(logFile.getParent());
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
        Path activePort = profile.resolve("DevToolsActivePort");
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .failFast("chromium exited; its output is in " + logFile, () -> !process.isAlive())
                    .until(() -> Files.exists(activePort) && Files.readAllLines(activePort, StandardCharsets.UTF_8).size() >= 2);
            int port = Integer.parseInt(Files.readAllLines(activePort, StandardCharsets.UTF_8).get(0).trim());
            return new Chromium(process, profile, port);
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Opens a new tab on about:blank and connects to it. */
    DevTools openPage() throws IOException {
        String browserPath = Files.readAllLines(profile.resolve("DevToolsActivePort"), StandardCharsets.UTF_8).get(1).trim();
        String targetId;
        try (DevTools browser = DevTools.connect(URI.create("ws://127.0.0.1:" + port + browserPath))) {
            JsonNode created = browser.send("Target.createTarget", DevTools.params().put("url", "about:blank"));
            targetId = created.get("targetId").asText();
        }
        return DevTools.connect(URI.create("ws://127.0.0.1:" + port + "/devtools/page/" + targetId));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
