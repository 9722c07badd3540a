package io.sgdscope.monitoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.monitoring.MeterNames;
import io.sgdscope.monitoring.http.HttpConfig;
import io.sgdscope.monitoring.http.MetricsHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard served by the metrics server: page, assets, history JSON; /metrics and /healthz still there. */
class DashboardHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration INTERVAL = Duration.ofMillis(10);

    private final HttpClient http = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final AtomicLong trained = new AtomicLong();
    private final AtomicLong eos = new AtomicLong(); // hundredths
    private MetricsHttpServer server;

    @BeforeEach
    void start() {
        FunctionCounter.builder(MeterNames.TRAINER_SAMPLES, trained, AtomicLong::get)
                .tags(MeterNames.TAG_MODEL, "sgd", MeterNames.TAG_STREAM, "s").register(registry);
        Gauge.builder(MeterNames.MODEL_EOS_RATIO, eos, e -> e.get() / 100.0)
                .tags(MeterNames.TAG_MODEL, "sgd", MeterNames.TAG_STREAM, "s").register(registry);
        // the sampler runs every 10 ms on the test's clock: a round at a time already sampled adds no point,
        // so each tick of the clock gives exactly one point per series
        Dashboard dashboard = new Dashboard(registry, new DashboardConfig(INTERVAL, 600, 100), LiveAlertRules.DEFAULT,
                clock::get);
        server = MetricsHttpServer.start(new HttpConfig("127.0.0.1", 0), registry, dashboard);
        awaitRoundAt(clock.get());
    }

    /** Waits until the history's newest round is at {@code timeMs}, as {@value Dashboard#HISTORY_PATH} reports it. */
    private void awaitRoundAt(long timeMs) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> JSON.readTree(get(Dashboard.HISTORY_PATH).body()).get("now").asLong() == timeMs);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sets the values, then moves the clock on a second, so the first round at the new time reads the new values. */
    private void round(long trainedNow, long eosHundredths) {
        trained.set(trainedNow);
        eos.set(eosHundredths);
        awaitRoundAt(clock.addAndGet(1000));
    }

    @Test
    void servesThePageAndItsAssetsFromTheClasspathOnly() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"/dashboard.js\">").contains("href=\"/dashboard.css\"")
                .doesNotContain("http://").doesNotContain("https://");
        HttpResponse<String> js = get("/dashboard.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.body()).contains("/api/history").doesNotContain("https://");
        // its only absolute URL is the SVG namespace, which is a name, not a download
        assertThat(js.body().replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://");
        assertThat(get("/dashboard.css").statusCode()).isEqualTo(200);
        assertThat(get("/nope.js").statusCode()).isEqualTo(404);
    }

    @Test
    void metricsAndHealthAreStillServed() throws Exception {
        round(7, 50);
        assertThat(get("/metrics").body()).contains("sgdscope_trainer_samples_total{model=\"sgd\",stream=\"s\"} 7.0");
        assertThat(get("/healthz").body()).isEqualTo("ok\n");
    }

    @Test
    void historyReturnsPointsAfterSinceAndTheAlerts() throws Exception {
        long start = clock.get();
        round(10, 50);
        long firstRound = clock.get();
        round(25, 130);

        JsonNode all = JSON.readTree(get("/api/history").body());
        assertThat(all.get("now").asLong()).isEqualTo(clock.get());
        assertThat(all.get("intervalMs").asLong()).isEqualTo(INTERVAL.toMillis());
        assertThat(all.get("seriesCount").asInt()).isEqualTo(2);
        JsonNode samples = series(all, "sgdscope_trainer_samples_total{model=\"sgd\",stream=\"s\"}");
        assertThat(samples.get("name").asText()).isEqualTo("sgdscope_trainer_samples_total");
        assertThat(samples.get("tags").get("model").asText()).isEqualTo("sgd");
        assertThat(longs(samples.get("t"))).containsExactly(start, firstRound, clock.get());
        assertThat(doubles(samples.get("v"))).containsExactly(0.0, 10.0, 25.0);

        JsonNode later = JSON.readTree(get("/api/history?since=" + firstRound).body());
        assertThat(doubles(series(later, "sgdscope_trainer_samples_total{model=\"sgd\",stream=\"s\"}").get("v")))
                .containsExactly(25.0);

        List<String> firing = new ArrayList<>();
        for (JsonNode a : all.get("alerts")) {
            if (!a.get("firing").isEmpty()) {
                firing.add(a.get("alert").asText() + ": " + a.get("firing").get(0).get("detail").asText());
            }
        }
        assertThat(all.get("alerts")).hasSize(7);
        assertThat(firing).containsExactly("EdgeOfStability: eos ratio 1.30 > 1");
    }

    @Test
    void aBadSinceIsAClearError() throws Exception {
        HttpResponse<String> r = get("/api/history?since=yesterday");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("'since'").contains("unix milliseconds").contains("'yesterday'");
    }

    private static JsonNode series(JsonNode root, String id) {
        for (JsonNode s : root.get("series")) {
            if (s.get("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no series " + id + " in " + root);
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asDouble()));
        return out;
    }
}
