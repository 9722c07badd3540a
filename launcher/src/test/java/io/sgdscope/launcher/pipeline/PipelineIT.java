package io.sgdscope.launcher.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static io.sgdscope.launcher.PrometheusText.value;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.codec.SampleSerdes;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.DlqHeaders;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.TopicReader;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.launcher.broker.EmbeddedKafkaExtension;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.ServiceGroup;
import io.sgdscope.launcher.run.ShutdownSignal;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.monitoring.http.HttpConfig;
import io.sgdscope.monitoring.http.MetricsHttpServer;
import io.sgdscope.producers.ProducerStats;
import io.sgdscope.producers.sink.KafkaSampleSink;
import io.sgdscope.producers.sink.SampleProducers;
import io.sgdscope.producers.source.LinearTeacherSource;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin end-to-end path on a real broker: producer, exactly-once validation, prequential
 * trainer, and the Prometheus endpoint read over HTTP.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class PipelineIT {

    private static final int TOTAL = 10_000;
    private static final int DIM = 64;

    @TempDir
    Path stateDir;

    private String prefix;
    private Topics topics;
    private KafkaClientConfig kafka;

    @BeforeEach
    void ownTopics(EmbeddedKafkaBroker broker) {
        prefix = EmbeddedKafkaExtension.uniquePrefix();
        topics = new Topics(prefix);
        kafka = new KafkaClientConfig(broker.bootstrapServers(), Map.of());
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
    }

    /** Trainer and streams app with default settings, on this test's topics and ids. */
    private TrainerStats startTrainerAndStreams(PipelineParts parts) {
        TrainerStats trainer = parts.startTrainer(TrainerConfig.from(RawConfig.empty()).withGroupId(prefix + "trainer"),
                java.util.Map.of("test", "PipelineIT"));
        parts.startStreamsApp(StreamsAppConfig.from(RawConfig.empty())
                .withApplicationId(prefix + "streams").withStateDir(stateDir));
        return trainer;
    }

    @Test
    void tenThousandSamplesWithFiftyMalformed() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            MetricsHttpServer http = group.add("http", MetricsHttpServer.start(new HttpConfig("127.0.0.1", 0), registry));
            TrainerStats trainer = startTrainerAndStreams(new PipelineParts(kafka, topics, registry, group));

            // 17 broken JSON from a foreign producer; 17 NaN and 16 wrong-dimension samples and the
            // 9,950 valid ones through sgdscope's own sink. Malformed records are spread through the stream.
            Set<String> validIds = new HashSet<>();
            Map<String, Integer> expectedReasons = Map.of("malformed_json", 17, "non_finite", 17, "wrong_dimension", 16);
            ProducerStats producerStats = new ProducerStats();
            new io.sgdscope.monitoring.binder.ProducerMetrics("teacher-linear", producerStats).bindTo(registry);
            LinearTeacherSource source = new LinearTeacherSource("teacher-linear", DIM, 7, System::currentTimeMillis);
            try (KafkaSampleSink sink = new KafkaSampleSink(
                         SampleProducers.create(kafka, topics.samplesRaw(), prefix + "producer"), topics.samplesRaw(), producerStats);
                 KafkaProducer<String, byte[]> foreign = new KafkaProducer<>(
                         kafka.toProperties(Map.of("acks", "all")), new StringSerializer(), new ByteArraySerializer())) {
                int malformed = 0;
                for (int i = 0; i < TOTAL; i++) {
                    Sample s = source.next().orElseThrow();
                    if (i % 200 == 100 && malformed < 50) {
                        switch (malformed++ % 3) {
                            case 0 -> foreign.send(new ProducerRecord<>(topics.samplesRaw().name(), "teacher-linear",
                                    ("{\"id\":\"" + s.id() + "\",\"features\":[1,2").getBytes(StandardCharsets.UTF_8))).get();
                            case 1 -> {
                                float[] x = s.features().clone();
                                x[3] = Float.NaN;
                                sink.send(s.withFeatures(x));
                            }
                            default -> sink.send(s.withFeatures(java.util.Arrays.copyOf(s.features(), DIM - 1)));
                        }
                        sink.flush(); // keep the foreign records in stream order
                    } else {
                        validIds.add(s.id());
                        sink.send(s);
                    }
                }
                sink.flush();
            }
            assertThat(validIds).hasSize(9_950);

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> trainer.trained() >= validIds.size());

            // samples.clean holds each valid id exactly once, and nothing else
            List<String> cleanIds = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : TopicReader.exactly(kafka, bytes(topics.samplesClean().name()), validIds.size(), prefix + "check-clean")) {
                cleanIds.add(SampleSerdes.binary().deserializer().deserialize("", r.value()).id());
            }
            assertThat(cleanIds).doesNotHaveDuplicates();
            assertThat(new HashSet<>(cleanIds)).isEqualTo(validIds);

            // samples.dlq holds the 50, each with a reason and its original bytes
            Map<String, Integer> reasons = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : TopicReader.exactly(kafka, topics.samplesDlq(), 50, prefix + "check-dlq")) {
                String reason = new String(r.headers().lastHeader(DlqHeaders.REASON).value(), StandardCharsets.UTF_8);
                reasons.merge(reason, 1, Integer::sum);
                assertThat(r.headers().lastHeader(DlqHeaders.MESSAGE)).isNotNull();
                if (!reason.equals("malformed_json")) {
                    assertThat(new JsonSampleCodec().decode(r.value()).stream()).isEqualTo("teacher-linear");
                }
            }
            assertThat(reasons).isEqualTo(expectedReasons);

            assertThat(trainer.trained()).isEqualTo(9_950);
            assertThat(trainer.models()).singleElement().satisfies(m -> {
                assertThat(m.model()).isEqualTo("sgd");
                assertThat(m.snapshot().prequential().accuracy()).isGreaterThan(0.8);
            });

            String metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(http.baseUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(value(metrics, "sgdscope_trainer_samples_total{model=\"sgd\",stream=\"teacher-linear\"}")).isEqualTo(9_950);
            assertThat(value(metrics, "sgdscope_producer_samples_total{stream=\"teacher-linear\"}")).isEqualTo(9_983);
            assertThat(value(metrics, "sgdscope_streams_dlq_total{reason=\"malformed_json\"}")).isEqualTo(17);
            assertThat(value(metrics, "sgdscope_streams_dlq_total{reason=\"non_finite\"}")).isEqualTo(17);
            assertThat(value(metrics, "sgdscope_streams_dlq_total{reason=\"wrong_dimension\"}")).isEqualTo(16);
            assertThat(value(metrics, "sgdscope_streams_dlq_total{reason=\"missing_field\"}")).isZero();
            assertThat(value(metrics, "sgdscope_trainer_prequential_accuracy{model=\"sgd\",stream=\"teacher-linear\",window=\"cumulative\"}"))
                    .isGreaterThan(0.8);
            assertThat(value(metrics, "sgdscope_trainer_prequential_loss{model=\"sgd\",stream=\"teacher-linear\",window=\"cumulative\"}"))
                    .isPositive().isLessThan(Math.log(2));
        }
    }

    private void produce(int n, long seed) {
        LinearTeacherSource source = new LinearTeacherSource("teacher-linear", DIM, seed, System::currentTimeMillis);
        try (KafkaSampleSink sink = new KafkaSampleSink(
                SampleProducers.create(kafka, topics.samplesRaw(), prefix + "producer"), topics.samplesRaw(), new ProducerStats())) {
            for (int i = 0; i < n; i++) {
                sink.send(source.next().orElseThrow());
            }
            sink.flush();
        }
    }

    @Test
    void aRestartedPipelineResumesWhereItStoppedWithoutTrainingTwice() throws Exception {
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            TrainerStats first = startTrainerAndStreams(
                    new PipelineParts(kafka, topics, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), group));
            produce(500, 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> first.trained() >= 500);
        }
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            TrainerStats second = startTrainerAndStreams(
                    new PipelineParts(kafka, topics, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), group));
            produce(100, 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> second.trained() >= 100);
            // and nothing from before the restart arrives late
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> second.trained() == 100);
            assertThat(group.failure()).isNull();
        }
    }

    @Test
    void aSampleTheModelCannotUseIsSkippedAndTrainingGoesOn() throws Exception {
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            TrainerStats trainer = startTrainerAndStreams(
                    new PipelineParts(kafka, topics, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), group));
            LinearTeacherSource source = new LinearTeacherSource("teacher-linear", DIM, 3, System::currentTimeMillis);
            try (KafkaSampleSink sink = new KafkaSampleSink(
                    SampleProducers.create(kafka, topics.samplesRaw(), prefix + "producer"), topics.samplesRaw(), new ProducerStats())) {
                for (int i = 0; i < 201; i++) {
                    Sample s = source.next().orElseThrow();
                    // class 3 is valid input, but the binary model has only classes 0 and 1
                    sink.send(i == 100 ? s.withLabel(io.sgdscope.common.Label.ofClass(3)) : s);
                }
                sink.flush();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> trainer.trained() + trainer.incompatible() >= 201);
            assertThat(trainer.trained()).isEqualTo(200);
            assertThat(trainer.incompatible()).isEqualTo(1);
            assertThat(group.failure()).isNull();
        }
    }

    private static io.sgdscope.common.topic.Topic<String, byte[]> bytes(String name) {
        return new io.sgdscope.common.topic.Topic<>(name, org.apache.kafka.common.serialization.Serdes.String(),
                org.apache.kafka.common.serialization.Serdes.ByteArray());
    }
}
