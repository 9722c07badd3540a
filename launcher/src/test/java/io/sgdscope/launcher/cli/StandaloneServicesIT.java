package io.sgdscope.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static io.sgdscope.launcher.PrometheusText.value;
import static org.awaitility.Awaitility.await;

import io.sgdscope.launcher.Main;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.launcher.broker.EmbeddedKafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * produce, streams and train as separate services against one cluster, configured by flags, env-free;
 * produce ends by itself when its samples are sent.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class StandaloneServicesIT {

    private static final Pattern METRICS_URL = Pattern.compile("metrics:\\s+(http://\\S+/metrics)");

    record Running(CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {
        String metricsUrl() {
            Matcher m = METRICS_URL.matcher(out.toString());
            return m.find() ? m.group(1) : null;
        }
    }

    private static Running start(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args));
        return new Running(exit, out, err);
    }


    @Test
    void threeServicesFormThePipeline(EmbeddedKafkaBroker broker) throws Exception {
        String prefix = EmbeddedKafkaExtension.uniquePrefix();
        Path state = Files.createTempDirectory("sgdscope-standalone");
        Path config = state.resolve("sgdscope.yaml");
        // the config file carries the pass-through Kafka section; flags carry the rest
        Files.writeString(config, "kafka:\n  bootstrap.servers: " + broker.bootstrapServers() + "\n  client.dns.lookup: use_all_dns_ips\n"
                + "streams:\n  state-dir: " + state + "\n");
        String[] common = {"--config", config.toString(), "--topic-prefix", prefix, "--http-port", "0", "--duration", "40s"};

        Running train = start(concat(new String[] {"train", "--group-id", prefix + "trainer"}, common));
        Running streams = start(concat(new String[] {"streams", "--application-id", prefix + "streams"}, common));
        // 3000 samples at 300/s: the producer still serves its page for the first checks, then ends by itself
        // and without --duration: only the end of its work ends it
        Running produce = start("produce", "--max-samples", "3000", "--rate", "300", "--kafka-prop", "linger.ms=1",
                "--config", config.toString(), "--topic-prefix", prefix, "--http-port", "0");

        await().atMost(Duration.ofSeconds(30)).until(() -> train.metricsUrl() != null && produce.metricsUrl() != null);
        HttpClient http = HttpClient.newHttpClient();
        // produce keeps the plain index page (train serves the dashboard, below)
        assertThat(get(http, produce.metricsUrl().replace("/metrics", "/"))).doesNotContain("dashboard.js").contains("/metrics");
        String trained = "sgdscope_trainer_samples_total{model=\"sgd\",stream=\"teacher-linear\"}";
        await().atMost(Duration.ofSeconds(35)).pollInterval(Duration.ofMillis(250)).until(() -> value(
                http.send(HttpRequest.newBuilder(URI.create(train.metricsUrl())).build(), HttpResponse.BodyHandlers.ofString()).body(),
                trained) >= 3000);
        // train serves the live dashboard with the trainer's history; produce keeps the plain index page
        String trainBase = train.metricsUrl().replace("/metrics", "");
        assertThat(get(http, trainBase + "/")).contains("<script src=\"/dashboard.js\">");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(http, trainBase + "/api/history").contains("\"name\":\"sgdscope_trainer_samples_total\""));

        // the producer's work ended: it flushed, reported and exited 0 by itself (before, it ran until Ctrl-C)
        assertThat(produce.exit().get(60, java.util.concurrent.TimeUnit.SECONDS)).as("produce: %s", produce.err()).isZero();
        assertThat(produce.out().toString()).contains("produced: 3000 samples sent, 3000 acked, 0 failed");

        assertThat(train.exit().get()).as("train: %s", train.err()).isZero();
        assertThat(streams.exit().get()).as("streams: %s", streams.err()).isZero();
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
