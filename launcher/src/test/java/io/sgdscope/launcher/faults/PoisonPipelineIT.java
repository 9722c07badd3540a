package io.sgdscope.launcher.faults;

import static io.sgdscope.launcher.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.common.Sample;
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
import io.sgdscope.producers.ProducerStats;
import io.sgdscope.producers.sink.KafkaSampleSink;
import io.sgdscope.producers.sink.SampleProducers;
import io.sgdscope.producers.source.LinearTeacherSource;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault case 5 on a real broker: poison in the middle of a stream, with default settings. A NaN
 * storm and records far too wide are refused by the streams app (DLQ, with their reasons); records
 * whose features are finite but at the top of the float range pass validation and reach the
 * trainer, whose divergence guard undoes each of their steps (TrainingDiverged's counter counts
 * them) without lowering the learning rate. The valid samples before and after are all trained,
 * and the model learns from those after the poison.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class PoisonPipelineIT {

    private static final String STREAM = "teacher-linear";
    private static final int DIM = 64;
    private static final int BEFORE = 1_000;
    private static final int NAN_STORM = 500;
    private static final int HUGE = 200;
    private static final int WIDE = 3;
    private static final int AFTER = 3_000;

    @TempDir
    Path stateDir;

    @Test
    void poisonIsRefusedOrUndoneAndTrainingGoesOn(EmbeddedKafkaBroker broker) throws Exception {
        String prefix = EmbeddedKafkaExtension.uniquePrefix();
        Topics topics = new Topics(prefix);
        KafkaClientConfig kafka = new KafkaClientConfig(broker.bootstrapServers(), Map.of());
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            PipelineParts parts = new PipelineParts(kafka, topics, registry, group);
            TrainerStats trainer = parts.startTrainer(TrainerConfig.from(RawConfig.empty()).withGroupId(prefix + "trainer"),
                    Map.of());
            parts.startStreamsApp(StreamsAppConfig.from(RawConfig.empty()).withApplicationId(prefix + "streams")
                    .withStateDir(stateDir));

            LinearTeacherSource source = new LinearTeacherSource(STREAM, DIM, 11, System::currentTimeMillis);
            try (KafkaSampleSink sink = new KafkaSampleSink(SampleProducers.create(kafka, topics.samplesRaw(), prefix + "p"),
                         topics.samplesRaw(), new ProducerStats());
                 KafkaProducer<String, byte[]> foreign = new KafkaProducer<>(kafka.toProperties(Map.of("acks", "all")),
                         new StringSerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < BEFORE; i++) {
                    sink.send(source.next().orElseThrow());
                }
                for (int i = 0; i < NAN_STORM; i++) {
                    float[] x = new float[DIM];
                    Arrays.fill(x, i % 2 == 0 ? Float.NaN : Float.POSITIVE_INFINITY);
                    sink.send(source.next().orElseThrow().withFeatures(x));
                }
                for (int i = 0; i < HUGE; i++) {
                    float[] x = new float[DIM];
                    Arrays.fill(x, i % 2 == 0 ? Float.MAX_VALUE : -Float.MAX_VALUE);
                    sink.send(source.next().orElseThrow().withFeatures(x));
                }
                sink.flush();
                // 200,000 features: about 400 kB of JSON, under the broker's 1 MB limit, so it reaches validation
                String wide = "{\"v\":1,\"id\":\"wide\",\"stream\":\"" + STREAM + "\",\"ts\":" + System.currentTimeMillis()
                        + ",\"features\":[" + "0,".repeat(199_999) + "0],\"label\":{\"class\":1}}";
                for (int i = 0; i < WIDE; i++) {
                    foreign.send(new ProducerRecord<>(topics.samplesRaw().name(), STREAM,
                            wide.replace("\"wide\"", "\"wide-" + i + "\"").getBytes(StandardCharsets.UTF_8))).get();
                }
                for (int i = 0; i < AFTER; i++) {
                    sink.send(source.next().orElseThrow());
                }
                sink.flush();
            }

            long reachTrainer = BEFORE + HUGE + AFTER;
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> trainer.trained() >= reachTrainer);
            Map<String, Integer> reasons = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : TopicReader.exactly(kafka, topics.samplesDlq(), NAN_STORM + WIDE,
                    prefix + "check-dlq")) {
                reasons.merge(new String(r.headers().lastHeader(DlqHeaders.REASON).value(), StandardCharsets.UTF_8), 1,
                        Integer::sum);
            }
            assertThat(reasons).isEqualTo(Map.of("non_finite", NAN_STORM, "wrong_dimension", WIDE));

            assertThat(trainer.trained()).isEqualTo(reachTrainer);
            ModelStats model = trainer.models().get(0);
            assertThat(trainer.models()).hasSize(1);
            ModelStats.Snapshot s = model.snapshot();
            assertThat(s.divergences()).as("each huge record's step undone").isEqualTo(HUGE);
            double configured = TrainerConfig.from(RawConfig.empty()).variantSpecs().get(0).optimizer().learningRate();
            // the schedule may decay it, but not by the 2^-200 that halving on each poison record would
            assertThat(s.learningRate()).as("and the rate kept").isGreaterThan(configured / 1_000);
            // the model learnt from the samples after the poison: the last window is nearly all right
            assertThat(s.prequential().slidingAccuracy()).isGreaterThan(0.8);

            String metrics = registry.scrape();
            assertThat(value(metrics, "sgdscope_trainer_divergences_total{model=\"sgd\",stream=\"" + STREAM + "\"}"))
                    .as("the series TrainingDiverged fires on").isEqualTo(HUGE);
            assertThat(value(metrics, "sgdscope_streams_dlq_total{reason=\"non_finite\"}")).isEqualTo(NAN_STORM);
            assertThat(group.failure()).isNull();
        }
    }
}
