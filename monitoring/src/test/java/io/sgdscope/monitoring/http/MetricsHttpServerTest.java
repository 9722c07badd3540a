package io.sgdscope.monitoring.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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

    @Test
    void configRejectsBadPortsByKey() {
        assertThatThrownBy(() -> new HttpConfig("127.0.0.1", 70000)).hasMessageContaining("config key 'http.port'");
    }
}
