package io.sgdscope.launcher.dashboards;

import static io.sgdscope.launcher.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sgdscope.launcher.JarProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric name the Grafana dashboards query is one a running system exports: the packaged jar's
 * {@code demo}, on a scenario with label noise and two concept shifts, training a model with a hidden
 * layer, scraped over HTTP until the model, drift and streams-app metrics are all there.
 */
class GrafanaDashboardsIT {

    private static final String STREAM = "dashboard-check";
    private static final String TAGS = "model=\"sgd\",stream=\"" + STREAM + "\"";

    /** SEA concepts with 10% label noise, shifting at samples 4,000 and 8,000; short drift windows, frequent snapshots. */
    private static final String SCENARIO = """
            scenario:
              name: dashboard-check
            source:
              type: sea
              function: 1
            phases:
              - start: 0
                noise: { type: symmetric, rate: 0.1 }
              - start: 4000
                shift: { concept: { function: 3 } }
              - start: 8000
                shift: { concept: { function: 2 } }
            producer: { stream: %s, rate: 2000 }
            streams: { drift: { window: 3s } }
            trainer:
              model: "mlp:3-16-2,act=relu"
              learning-rate: 0.05
              metrics: { every-steps: 100, min-interval: 500ms }
            """.formatted(STREAM);

    @TempDir
    Path dir;

    @Test
    void everyDashboardQueryReadsOnlyNamesTheDemoExports() throws Exception {
        Set<String> queried = GrafanaDashboards.metricNames();
        assertThat(queried).hasSizeGreaterThan(40);
        Path scenario = Files.writeString(dir.resolve("dashboard-check.yaml"), SCENARIO);

        try (JarProcess demo = JarProcess.launch("demo", "--scenario", scenario.toString(), "--http-port", "0")) {
            String url = demo.awaitMetricsUrl();
            assertThat(url).as("HTTP binds to loopback unless --http-bind says otherwise").startsWith("http://127.0.0.1:");
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest scrape = HttpRequest.newBuilder(URI.create(url)).build();
            String[] last = new String[1];
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                String text = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
                last[0] = text;
                // the parts of the system the dashboards show are all running and have data
                assertThat(value(text, "sgdscope_drift_truth_events_total{" + TAGS + "}")).as("true shifts seen")
                        .isGreaterThanOrEqualTo(1);
                assertThat(value(text, "sgdscope_model_sharpness{" + TAGS + "}")).as("snapshot metrics").isFinite();
                assertThat(value(text, "sgdscope_model_feature_rank{layer=\"0\"," + TAGS + "}")).as("hidden layer")
                        .isFinite();
                assertThat(value(text, "sgdscope_trainer_prequential_split_accuracy{labels=\"noisy\"," + TAGS + "}"))
                        .as("label noise").isFinite();
                assertThat(value(text, "sgdscope_streams_drift_shift_score{stream=\"" + STREAM + "\"}"))
                        .as("a closed drift window").isFinite();
                ExportedNames exported = ExportedNames.of(text);
                Set<String> missing = new TreeSet<>();
                queried.stream().filter(n -> !exported.contains(n)).forEach(missing::add);
                assertThat(missing).as("names the dashboards query that the demo does not export").isEmpty();
            });

            // every query, with the query it is in, for a readable failure if one slipped through
            ExportedNames exported = ExportedNames.of(last[0]);
            for (GrafanaDashboards.Query q : GrafanaDashboards.queries()) {
                assertThat(q.metricNames()).as("%s, %s", q.dashboard(), q.where()).allMatch(exported::contains);
            }
            // the variables have values to offer
            assertThat(last[0]).contains("sgdscope_trainer_samples_total{" + TAGS + "}");
            System.out.printf("%d metric names in %d dashboard queries, all exported by the demo%n",
                    queried.size(), GrafanaDashboards.queries().size());

            demo.process().destroy();
            assertThat(demo.process().waitFor(20, TimeUnit.SECONDS)).as("demo stops on SIGTERM").isTrue();
        }
    }
}
