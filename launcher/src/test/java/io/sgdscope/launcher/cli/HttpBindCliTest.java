package io.sgdscope.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.monitoring.http.HttpConfig;
import io.sgdscope.monitoring.http.MetricsHttpServer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every command that serves HTTP listens on loopback unless {@code --http-bind} (or http.bind) says otherwise. */
class HttpBindCliTest {

    private static String[] withBootstrap(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        if (!command.equals("demo")) {
            all.addAll(List.of("--bootstrap-servers", "127.0.0.1:1"));
        }
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "produce", "streams", "train"})
    void helpOffersHttpBindWithLoopbackAsTheDefault(String command) {
        CliTest.Result r = CliTest.run(command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--http-bind=ADDRESS");
        assertThat(r.out().replaceAll("\\s+", " ")).contains("Default: 127.0.0.1, loopback only.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "produce", "streams", "train"})
    void theFlagSetsHttpBind(String command) {
        CliTest.Result r = CliTest.run(withBootstrap(command, "--http-bind", "0.0.0.0", "--print-config"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("http.bind = 0.0.0.0    # command line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "produce", "streams", "train"})
    void withoutTheFlagNothingOverridesTheDefault(String command) {
        CliTest.Result r = CliTest.run(withBootstrap(command, "--print-config"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("http.bind");
    }

    @Test
    void theDefaultServerListensOnLoopbackOnly() throws Exception {
        HttpConfig defaults = HttpConfig.from(RawConfig.empty().with(HttpConfig.PORT, "0", "test"));
        assertThat(defaults.bindAddress()).isEqualTo("127.0.0.1");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (MetricsHttpServer server = MetricsHttpServer.start(defaults, registry)) {
            String host = java.net.URI.create(server.baseUrl()).getHost();
            assertThat(InetAddress.getByName(host).isLoopbackAddress()).as(server.baseUrl()).isTrue();
        } finally {
            registry.close();
        }
    }
}
