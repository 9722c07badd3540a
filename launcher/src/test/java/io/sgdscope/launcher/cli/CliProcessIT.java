package io.sgdscope.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static io.sgdscope.launcher.PrometheusText.value;
import static org.awaitility.Awaitility.await;

import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.launcher.JarProcess;
import io.sgdscope.launcher.run.TopicSetup;
import java.util.ArrayList;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged fat jar as a user runs it, in its own JVM: {@code demo} read over HTTP, {@code broker}
 * used by a client, both stopped with SIGTERM.
 */
class CliProcessIT {

    private JarProcess jar;
    private Process process;
    private List<String> stdout = List.of();
    private List<String> stderr = List.of();

    private Process launch(String... args) throws Exception {
        jar = JarProcess.launch(args);
        stdout = jar.stdout();
        stderr = jar.stderr();
        return jar.process();
    }

    @AfterEach
    void killLeftovers() {
        if (jar != null) {
            jar.close();
        }
    }


    @Test
    void demoLearnsLiveAndStopsCleanlyOnSigterm() throws Exception {
        Path dataDir = Files.createTempDirectory("sgdscope-demo-it");
        process = launch("demo", "--http-port", "0", "--data-dir", dataDir.toString());

        String url = jar.awaitMetricsUrl();
        assertThat(url).startsWith("http://127.0.0.1:");
        assertThat(awaitBootstrap()).startsWith("127.0.0.1:");

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest scrape = HttpRequest.newBuilder(URI.create(url)).build();
        String firstScrape = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
        assertThat(firstScrape).contains("sgdscope_build_info{version=\"0.1.0-SNAPSHOT\"} 1").contains("jvm_memory_used_bytes");
        String samples = "sgdscope_trainer_samples_total{model=\"sgd\",stream=\"teacher-linear\"}";
        String accuracy = "sgdscope_trainer_prequential_accuracy{model=\"sgd\",stream=\"teacher-linear\",window=\"sliding\"}";
        double[] first = new double[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String text = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
            first[0] = value(text, samples);
            return first[0] > 1000 && value(text, accuracy) > 0.8;
        });
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(
                () -> value(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body(), samples) > first[0]);

        double stopSeconds = stopWithSigterm();
        assertThat(stopSeconds).as("shutdown seconds").isLessThan(10);
        System.out.printf("demo stopped %.1f s after SIGTERM%n", stopSeconds);
    }

    /** Sends SIGTERM and returns how long the process took to exit; fails if it had to be killed. */
    private double stopWithSigterm() throws InterruptedException {
        long stopAt = System.nanoTime();
        process.destroy();
        boolean exited = process.waitFor(15, TimeUnit.SECONDS);
        assertThat(exited).as("exited after SIGTERM; stderr:%n%s", String.join("\n", stderr)).isTrue();
        assertThat(stderr).as("no stack traces on stderr").noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception in thread"));
        return (System.nanoTime() - stopAt) / 1e9;
    }

    private String awaitBootstrap() {
        return jar.awaitStdout(Pattern.compile("kafka:\\s+(127\\.0\\.0\\.1:\\d+)"), Duration.ofSeconds(60));
    }

    @Test
    void brokerCommandServesClientsAndKeepsItsDataDirAcrossRestarts() throws Exception {
        Path dataDir = Files.createTempDirectory("sgdscope-broker-it");
        process = launch("broker", "--port", "0", "--data-dir", dataDir.toString());
        String bootstrap = awaitBootstrap();
        var kafka = new KafkaClientConfig(bootstrap, Map.of());
        TopicSetup.ensureTopics(kafka, List.of("kept"), 1);
        try (var producer = new KafkaProducer<String, String>(kafka.toProperties(Map.of()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("kept", "k", "survives a restart")).get();
        }
        assertThat(stopWithSigterm()).as("shutdown seconds").isLessThan(10);

        process = launch("broker", "--port", "0", "--data-dir", dataDir.toString());
        var again = new KafkaClientConfig(awaitBootstrap(), Map.of());
        try (var consumer = new KafkaConsumer<String, String>(again.toProperties(Map.of(
                "group.id", "restart-check", "auto.offset.reset", "earliest")),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("kept"));
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
            });
            assertThat(values).containsExactly("survives a restart");
        }
        assertThat(stopWithSigterm()).as("shutdown seconds").isLessThan(10);
    }

    @Test
    void aBadFlagExitsWith2BeforeStartingAnything() throws Exception {
        process = launch("demo", "--http-port", "not-a-port");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> !stderr.isEmpty());
        assertThat(stderr).hasSize(1);
        assertThat(stderr.get(0)).contains("--http-port").contains("not-a-port");
    }
}
