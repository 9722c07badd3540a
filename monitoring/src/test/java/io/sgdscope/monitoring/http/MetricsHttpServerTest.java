package io.sgdscope.monitoring.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.monitoring.binder.InsightReportFixture;
import io.sgdscope.trainer.ModelStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsHttpServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesMetricsHealthAndIndexOnLoopback() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("sgdscope.test.things").register(registry).increment(3);
        try (MetricsHttpServer server = MetricsHttpServer.start(new HttpConfig("127.0.0.1", 0), registry)) {
            assertThat(server.baseUrl()).startsWith("http://127.0.0.1:");
            HttpResponse<String> metrics = get(server.baseUrl() + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("sgdscope_test_things_total 3.0");
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));

            assertThat(get(server.baseUrl() + "/healthz").body()).isEqualTo("ok\n");
            assertThat(get(server.baseUrl() + "/").body()).contains("/metrics");
            assertThat(get(server.baseUrl() + "/nope").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aBusyPortIsReportedWithTheFlagToChangeIt() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (MetricsHttpServer first = MetricsHttpServer.start(new HttpConfig("127.0.0.1", 0), registry)) {
            assertThatThrownBy(() -> MetricsHttpServer.start(new HttpConfig("127.0.0.1", first.port()), registry))
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + first.port())
                    .hasMessageContaining("--http-port");
        }
    }

    /** Issue 17: each model's newest layer spectra as JSON, selectable by model and stream. */
    @Test
    void servesTheSpectraOfTheModelsItIsGiven() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (MetricsHttpServer server = MetricsHttpServer.start(new HttpConfig("127.0.0.1", 0), registry)) {
            ModelStats sam = new ModelStats("sam", "teacher", ModelStats.Shape.NONE);
            ModelStats other = new ModelStats("sgd", "teacher", ModelStats.Shape.NONE);
            server.spectra().add(sam);
            server.spectra().add(other);
            assertThat(get(server.baseUrl() + "/api/spectra?model=sam").body())
                    .isEqualTo("{\"models\":[{\"model\":\"sam\",\"stream\":\"teacher\",\"layers\":[]}]}");

            sam.publishInsight(InsightReportFixture.report());
            HttpResponse<String> r = get(server.baseUrl() + "/api/spectra?model=sam&stream=teacher");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            // layer 0 has a spectrum, layer 1 of the fixture none
            assertThat(r.body()).isEqualTo("{\"models\":[{\"model\":\"sam\",\"stream\":\"teacher\",\"step\":1000,"
                    + "\"layers\":[{\"index\":0,\"inputs\":64,\"outputs\":128,\"edges\":[1.0,10.0,100.0],"
                    + "\"counts\":[40,24],\"fitCounts\":[30.0,20.0],\"alpha\":2.7,\"xmin\":2.0,\"ks\":0.05,"
                    + "\"tail\":50,\"lambdaMax\":42.66,\"alphaWeighted\":4.4,\"mpVariance\":0.01,\"mpEdge\":52.4,"
                    + "\"outliers\":2}]}]}");
            assertThat(get(server.baseUrl() + "/api/spectra").body()).contains("\"model\":\"sam\"")
                    .contains("\"model\":\"sgd\"");
            assertThat(get(server.baseUrl() + "/api/spectra?model=nobody").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void configRejectsBadPortsByKey() {
        assertThatThrownBy(() -> new HttpConfig("127.0.0.1", 70000)).hasMessageContaining("config key 'http.port'");
    }
}
