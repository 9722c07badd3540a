package io.sgdscope.launcher.trainer;

import static io.sgdscope.launcher.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.TopicReader;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.launcher.broker.EmbeddedKafkaExtension;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.ServiceGroup;
import io.sgdscope.launcher.run.ShutdownSignal;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.insight.InsightPublisher;
import io.sgdscope.trainer.insight.InsightReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model metrics on a real broker: a scenario with two abrupt concept shifts runs through the
 * producer, the streams app and the trainer; the metric snapshots arrive on trainer.metrics as
 * JSON, the drift truth arrives on its own topic, and the detectors are scored against it.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class TrainerMetricsIT {

    private static final int TOTAL = 12_000;
    private static final String SCENARIO = """
            scenario: { end: 12000 }
            source: { type: teacher-linear, dimension: 64 }
            phases:
              - start: 0
              - start: 4000
                shift: { concept: { teacher-seed: 11 } }
              - start: 8000
                shift: { concept: { teacher-seed: 12 } }
            producer: { stream: shifting, dimension: 64, rate: 0 }
            """;

    @TempDir
    Path stateDir;

    @Test
    void snapshotsArePublishedAndDetectorsAreScoredAgainstTheTruth(EmbeddedKafkaBroker broker) {
        String prefix = EmbeddedKafkaExtension.uniquePrefix();
        Topics topics = new Topics(prefix);
        KafkaClientConfig kafka = new KafkaClientConfig(broker.bootstrapServers(), Map.of());
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        RawConfig raw = RawConfig.fromYaml(new ByteArrayInputStream(SCENARIO.getBytes(StandardCharsets.UTF_8)), "it.yaml");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TrainerConfig trainerConfig = TrainerConfig.from(RawConfig.of(Map.of(
                TrainerConfig.MODEL, "mlp:64-32-2",
                TrainerConfig.LEARNING_RATE, "0.1",
                "trainer.metrics.every-steps", "500",
                "trainer.metrics.min-interval", "0s",
                // this test reads every snapshot of a short run: no rest for the metrics thread
                "trainer.metrics.max-share", "1",
                "trainer.metrics.window", "256",
                TrainerConfig.GROUP_ID, prefix + "trainer"), "it"));
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            PipelineParts parts = new PipelineParts(kafka, topics, registry, group);
            TrainerStats trainer = parts.startTrainer(trainerConfig, Map.of("test", "TrainerMetricsIT"));
            parts.startStreamsApp(StreamsAppConfig.from(RawConfig.empty())
                    .withApplicationId(prefix + "streams").withStateDir(stateDir));
            parts.startProducer(ProduceConfig.from(raw), raw);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> trainer.trained() >= TOTAL);
            // the last snapshots and detector states are published shortly after the last sample
            await().atMost(Duration.ofSeconds(30)).until(() -> value(registry.scrape(),
                    "sgdscope_drift_true_detections_total{detector=\"adwin\",model=\"sgd\",stream=\"shifting\"}") >= 2);

            String text = registry.scrape();
            String tags = "model=\"sgd\",stream=\"shifting\"";
            assertThat(value(text, "sgdscope_trainer_consumer_lag_records")).isZero();
            assertThat(value(text, "sgdscope_drift_missed_total{detector=\"adwin\"," + tags + "}")).isZero();
            assertThat(value(text, "sgdscope_drift_detection_delay_samples{detector=\"adwin\"," + tags + "}"))
                    .isBetween(0.0, 2000.0);
            assertThat(value(text, "sgdscope_trainer_metrics_snapshots_total{outcome=\"computed\"}")).isPositive();
            assertThat(value(text, "sgdscope_model_sharpness{" + tags + "}")).isPositive();
            assertThat(value(text, "sgdscope_model_stable_rank{layer=\"0\"," + tags + "}")).isBetween(1.0, 32.0);
            assertThat(value(text, "sgdscope_model_margin{model=\"sgd\",quantile=\"0.5\",stream=\"shifting\"}"))
                    .isFinite();
        }

        List<InsightReport> reports = readReports(kafka, topics, prefix);
        assertThat(reports).isNotEmpty().allSatisfy(r -> {
            assertThat(r.model()).isEqualTo("sgd");
            assertThat(r.stream()).isEqualTo("shifting");
            assertThat(r.step() % 500).isZero();
            assertThat(r.layers()).hasSize(2);
            assertThat(r.windowSize()).isEqualTo(256);
        });
        assertThat(reports).extracting(InsightReport::step).isSorted();
    }

    private static List<InsightReport> readReports(KafkaClientConfig kafka, Topics topics, String prefix) {
        return TopicReader.atLeast(kafka, topics.trainerMetrics(), 3, prefix + "reader").stream().map(r -> {
            assertThat(r.key()).isEqualTo("sgd@shifting");
            return InsightPublisher.fromJson(r.value());
        }).toList();
    }
}
