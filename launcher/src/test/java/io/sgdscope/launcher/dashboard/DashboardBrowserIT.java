package io.sgdscope.launcher.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sgdscope.launcher.JarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The built-in dashboard of a real {@code sgdscope demo} (the packaged jar, on its embedded
 * broker, running a scenario with label noise and three teacher rotations), opened in real headless Chromium over the DevTools
 * protocol: the page loads, its charts move within 10 s, true shifts and detections are marked,
 * the alert list is there, the console stays clean, and a screenshot is kept in
 * {@code target/dashboard.png} and {@code docs/dashboard.png}.
 */
class DashboardBrowserIT {

    /** {@code -Dsgdscope.update-docs=true} copies the screenshot over {@code docs/dashboard.png}. */
    private static final String UPDATE_DOCS = "sgdscope.update-docs";

    static final Pattern DASHBOARD_URL = Pattern.compile("dashboard:\\s+(http://\\S+/)");
    private static final int WIDTH = 1500;
    /**
     * Label noise, then three rotations of the teacher, into a ReLU MLP: shifts a detector finds
     * within a few hundred samples (SEA's shifts in {@code concept-drift} move so little of the
     * input space that the model re-adapts before a detector rising-only on the error sees them).
     */
    private static final String SCENARIO = """
            scenario: { name: dashboard-it }
            source: { type: teacher-linear, dimension: 64 }
            phases:
              - start: 0
                noise: { type: symmetric, rate: 0.1 }
              - start: 15000
                shift: { concept: { teacher-seed: 11 } }
                noise: { type: symmetric, rate: 0.1 }
              - start: 30000
                shift: { concept: { teacher-seed: 12 } }
                noise: { type: symmetric, rate: 0.1 }
              - start: 45000
                shift: { concept: { teacher-seed: 13 } }
                noise: { type: symmetric, rate: 0.1 }
            producer: { stream: dashboard, dimension: 64, rate: 2000 }
            trainer: { model: "mlp:64-32-2,act=relu", learning-rate: 0.05 }
            """;
    /** Panels the scenario (an MLP, label noise, shifts) must fill. */
    private static final List<String> MUST_HAVE_DATA = List.of("throughput", "dlq", "lag", "accuracy", "loss", "rank",
            "sparsity", "margin", "sharpness", "eos", "gradnorm", "divergences", "drift");
    private static final String PAGE_STATE = """
            (() => {
              const out = { updates: Number(document.body.dataset.updates || 0), panels: {},
                            status: document.getElementById('status').textContent,
                            alerts: document.querySelectorAll('#alerts li').length,
                            firing: [...document.querySelectorAll('#alerts li.firing')].map(li => li.dataset.alert) };
              document.querySelectorAll('.panel').forEach(p => out.panels[p.id.substring(6)] = {
                points: Number(p.dataset.points), last: Number(p.dataset.last),
                paths: p.querySelectorAll('path.line').length,
                truth: p.querySelectorAll('line.marker-truth').length,
                detections: p.querySelectorAll('line.marker-detection').length });
              return out;
            })()""";

    @Test
    void theLiveDashboardOfARunningDemoInHeadlessChromium() throws Exception {
        Path target = Path.of("target");
        Files.createDirectories(target);
        Path scenario = Files.writeString(target.resolve("dashboard-it.yaml"), SCENARIO);
        try (JarProcess demo = JarProcess.launch("demo", "--scenario", scenario.toAbsolutePath().toString(),
                "--http-port", "0", "--duration", "10m");
             Chromium chromium = Chromium.launch(target.resolve("chromium.log"));
             DevTools page = chromium.openPage()) {
            String url = demo.awaitStdout(DASHBOARD_URL, Duration.ofSeconds(90));
            assertThat(url).startsWith("http://127.0.0.1:");

            page.send("Runtime.enable");
            page.send("Log.enable");
            page.send("Page.enable");
            page.send("Emulation.setDeviceMetricsOverride", DevTools.params().put("width", WIDTH).put("height", 1200)
                    .put("deviceScaleFactor", 1).put("mobile", false));
            JsonNode nav = page.send("Page.navigate", DevTools.params().put("url", url));
            assertThat(nav.has("errorText")).as("navigation error %s", nav).isFalse();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> page.evaluate("document.readyState").asText().equals("complete"));
            assertThat(page.evaluate("document.title").asText()).contains("sgdscope");

            // the first data arrive, then the charts move on their own within 10 s
            JsonNode first = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> page.evaluate(PAGE_STATE), s -> s.get("panels").get("throughput").get("points").asInt() > 0);
            JsonNode moved = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> page.evaluate(PAGE_STATE), s -> s.get("updates").asInt() > first.get("updates").asInt()
                            && s.get("panels").get("throughput").get("last").asLong()
                                    > first.get("panels").get("throughput").get("last").asLong()
                            && s.get("panels").get("throughput").get("points").asInt()
                                    > first.get("panels").get("throughput").get("points").asInt());
            assertThat(moved.get("panels").get("throughput").get("paths").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(moved.get("status").asText()).startsWith("updated ");
            assertThat(moved.get("alerts").asInt()).as("every live alert rule is listed").isEqualTo(7);

            // real training data in every panel, three true shifts and a detection marked
            JsonNode full = await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> page.evaluate(PAGE_STATE), s -> {
                        for (String panel : MUST_HAVE_DATA) {
                            if (s.get("panels").get(panel).get("points").asInt() == 0) {
                                return false;
                            }
                        }
                        JsonNode accuracy = s.get("panels").get("accuracy");
                        return accuracy.get("truth").asInt() >= 3 && accuracy.get("detections").asInt() >= 1;
                    });
            assertThat(full.get("firing")).extracting(JsonNode::asText).contains("DriftDetected");
            assertThat(full.get("firing")).extracting(JsonNode::asText)
                    .as("a healthy demo: nothing critical").doesNotContain("TrainingDiverged", "TrainerStalled");

            byte[] png = screenshot(page);
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            assertThat(png.length).isGreaterThan(20_000);
            Path shot = Files.write(target.resolve("dashboard.png"), png);
            // the README's screenshot is refreshed only when asked: a test run leaves the checkout as it found it
            if (Boolean.getBoolean(UPDATE_DOCS)) {
                Path docs = repositoryRoot().resolve("docs");
                Files.createDirectories(docs);
                Files.copy(shot, docs.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
            }

            assertThat(consoleErrors(page.events())).as("console errors and exceptions on the page").isEmpty();
            // and the check would have seen one: an error logged now arrives as an event
            page.evaluate("console.error('sgdscope-probe'), 1");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> consoleErrors(page.events()).stream().anyMatch(e -> e.contains("sgdscope-probe")));

            demo.process().destroy(); // SIGTERM: the demo stops cleanly
            assertThat(demo.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The whole page, not just the viewport. */
    private static byte[] screenshot(DevTools page) {
        JsonNode metrics = page.send("Page.getLayoutMetrics");
        JsonNode size = metrics.has("cssContentSize") ? metrics.get("cssContentSize") : metrics.get("contentSize");
        int height = (int) Math.ceil(size.get("height").asDouble());
        page.send("Emulation.setDeviceMetricsOverride", DevTools.params().put("width", WIDTH).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
        JsonNode shot = page.send("Page.captureScreenshot", DevTools.params().put("format", "png"));
        return Base64.getDecoder().decode(shot.get("data").asText());
    }

    /** Uncaught exceptions, console.error/assert calls and browser log errors (e.g. a failed load). */
    static List<String> consoleErrors(List<JsonNode> events) {
        List<String> errors = new ArrayList<>();
        for (JsonNode e : events) {
            String method = e.path("method").asText();
            JsonNode p = e.path("params");
            if (method.equals("Runtime.exceptionThrown")) {
                errors.add("exception: " + p.path("exceptionDetails"));
            } else if (method.equals("Runtime.consoleAPICalled")
                    && (p.path("type").asText().equals("error") || p.path("type").asText().equals("assert"))) {
                errors.add("console." + p.path("type").asText() + ": " + p.path("args"));
            } else if (method.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
                errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
            } else if (method.equals("unparseable")) {
                errors.add("unparseable DevTools message: " + e.path("text").asText());
            }
        }
        return errors;
    }

    /** Failsafe runs in the launcher module; the repository root is its parent. */
    private static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("scenarios")).as("repository root from %s", Path.of("").toAbsolutePath()).isDirectory();
        return root;
    }
}
