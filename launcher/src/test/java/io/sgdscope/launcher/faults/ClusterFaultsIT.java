package io.sgdscope.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.codec.SampleSerdes;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.common.topic.TopicLayout;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.TopicReader;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.ServiceGroup;
import io.sgdscope.launcher.run.ShutdownSignal;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.checkpoint.CheckpointConfig;
import io.sgdscope.trainer.checkpoint.CheckpointStore;
import io.sgdscope.trainer.checkpoint.PartitionCheckpoint;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault cases 1 and 2 on a replicated cluster (3 brokers, a KRaft controller, replication factor 3,
 * {@code min.insync.replicas=2}): 8 streams over 4 partitions, run by 2 streams-app instances and 2
 * trainers in this JVM. Samples go in in phases; a fault strikes while a phase is still flowing.
 *
 * <p>What proves that nothing was lost or duplicated: {@code samples.clean} holds each valid id
 * exactly once and the DLQ exactly the invalid ids; each stream's model took exactly as many steps
 * as the stream has valid samples; and its parameters equal, bit for bit, those of a reference
 * trainer that read the finished {@code samples.clean} in one go with no fault (same samples in the
 * same order give the same parameters, so a sample trained twice or skipped would show).
 */
class ClusterFaultsIT {

    private static final int STREAMS = 8;
    private static final int PARTITIONS = 4;
    private static final int DIM = 8;
    private static final int PER_PHASE = 100;
    /** Every 25th record is invalid: a NaN feature or one feature too few. */
    private static final int INVALID_EVERY = 25;
    private static final String MODEL = "linear:" + DIM + "-2";

    @TempDir
    Path dir;

    private final JsonSampleCodec json = new JsonSampleCodec();
    private final Set<String> validIds = new HashSet<>();
    private final Set<String> invalidIds = new HashSet<>();
    private final Map<String, Long> validPerStream = new HashMap<>();

    @Test
    void aBrokerAStreamsInstanceAndATrainerDieAndNothingIsLostOrDuplicated() throws Exception {
        try (FaultCluster cluster = new FaultCluster()) {
            Pipeline p = new Pipeline(cluster, "kill");
            try (ServiceGroup streamsA = p.streams("a"); ServiceGroup trainerA = p.group();
                 ServiceGroup streamsB = p.streams("b"); ServiceGroup trainerB = p.group();
                 KafkaProducer<String, byte[]> producer = p.producer()) {
                TrainerStats a = p.trainer(trainerA, p.checkpoints);
                TrainerStats b = p.trainer(trainerB, p.checkpoints);
                LongSupplier trained = () -> a.trained() + b.trained();

                send(producer, p.topics, 0);
                awaitAtLeast(trained, 150);
                int broker = cluster.brokerIds().get(1);
                report("stopping broker " + broker, trained);
                cluster.stopBroker(broker); // phase 0 still flowing
                report("broker " + broker + " stopped", trained);
                send(producer, p.topics, 1);
                // the next two faults strike between the halves of a phase, with the first half still in flight
                send(producer, p.topics, 2 * PER_PHASE, 2 * PER_PHASE + PER_PHASE / 2);
                report("closing streams-app instance b", trained);
                streamsB.close(); // an instance leaves mid-phase: its tasks move to the other
                report("streams-app instance b closed", trained);
                send(producer, p.topics, 2 * PER_PHASE + PER_PHASE / 2, 3 * PER_PHASE);
                send(producer, p.topics, 3 * PER_PHASE, 3 * PER_PHASE + PER_PHASE / 2);
                report("closing trainer b", trained);
                trainerB.close(); // a trainer leaves mid-phase: its partitions and models move, via checkpoints
                report("trainer b closed", trained);
                send(producer, p.topics, 3 * PER_PHASE + PER_PHASE / 2, 4 * PER_PHASE);

                // the survivor ends up with every stream, each model restored with the count it had
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                        .until(() -> validPerStream.keySet().stream().allMatch(s -> samplesOf(a, s) >= validPerStream.get(s)));
                assertThat(streamsA.failure()).isNull();
                assertThat(trainerA.failure()).isNull();
                for (String s : validPerStream.keySet()) {
                    assertThat(samplesOf(a, s)).as("steps of %s", s).isEqualTo(validPerStream.get(s));
                }
            }
            p.checkTopicsAndReference();
        }
    }

    @Test
    void theWholeClusterRestartsMidStreamAndThePipelineResumesByItself() throws Exception {
        try (FaultCluster cluster = new FaultCluster()) {
            Pipeline p = new Pipeline(cluster, "restart");
            try (ServiceGroup streams = p.streams("a"); ServiceGroup trainerGroup = p.group();
                 KafkaProducer<String, byte[]> producer = p.producer()) {
                TrainerStats trainer = p.trainer(trainerGroup, p.checkpoints);
                send(producer, p.topics, 0);
                awaitAtLeast(trainer::trained, 150);
                report("stopping the whole cluster", trainer::trained);
                cluster.stopAll(); // phase 0 still flowing
                report("all brokers and the controller stopped", trainer::trained);
                cluster.startAll();
                report("cluster restarted", trainer::trained);
                send(producer, p.topics, 1);
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                        .until(() -> trainer.trained() >= validIds.size());
                assertThat(streams.failure()).isNull();
                assertThat(trainerGroup.failure()).isNull();
                for (String s : validPerStream.keySet()) {
                    assertThat(samplesOf(trainer, s)).as("steps of %s", s).isEqualTo(validPerStream.get(s));
                }
            }
            p.checkTopicsAndReference();
        }
    }

    /** The topics, configs and service groups of one run. */
    private final class Pipeline {
        final Topics topics = new Topics("f.");
        final KafkaClientConfig kafka;
        final RawConfig raw;
        final Path checkpoints;
        final String name;

        Pipeline(FaultCluster cluster, String name) {
            this.name = name;
            kafka = new KafkaClientConfig(cluster.bootstrapServers(), Map.of());
            raw = RawConfig.of(Map.of(TopicLayout.PARTITIONS, Integer.toString(PARTITIONS),
                    TopicLayout.REPLICATION_FACTOR, "3",
                    StreamsAppConfig.FEATURE_DIMENSION, Integer.toString(DIM), StreamsAppConfig.CLASSES, "2"), "ClusterFaultsIT");
            checkpoints = dir.resolve(name + "-checkpoints");
            TopicSetup.ensureTopics(kafka, topics.allNames(), TopicLayout.from(raw));
        }

        ServiceGroup group() {
            return new ServiceGroup(new ShutdownSignal());
        }

        ServiceGroup streams(String instance) {
            ServiceGroup g = group();
            new PipelineParts(kafka, topics, new SimpleMeterRegistry(), g).startStreamsApp(StreamsAppConfig.from(raw)
                    .withApplicationId(name + "-streams").withStateDir(dir.resolve(name + "-state-" + instance)));
            return g;
        }

        TrainerStats trainer(ServiceGroup g, Path checkpointDir) {
            return trainer(g, checkpointDir, name + "-trainers");
        }

        TrainerStats trainer(ServiceGroup g, Path checkpointDir, String groupId) {
            TrainerConfig cfg = TrainerConfig.from(RawConfig.of(Map.of(TrainerConfig.MODEL, MODEL, TrainerConfig.GROUP_ID, groupId,
                    CheckpointConfig.DIR, checkpointDir.toString(), CheckpointConfig.EVERY_SAMPLES, "200",
                    CheckpointConfig.INTERVAL, "1h", CheckpointConfig.KEEP, "3"), "test"));
            return new PipelineParts(kafka, topics, new SimpleMeterRegistry(), g).startTrainer(cfg, Map.of());
        }

        KafkaProducer<String, byte[]> producer() {
            return new KafkaProducer<>(kafka.toProperties(Map.of("acks", "all", "enable.idempotence", true,
                    "delivery.timeout.ms", 180_000)), new StringSerializer(), new ByteArraySerializer());
        }

        /**
         * samples.clean holds each valid id once, the DLQ exactly the invalid ones; a reference trainer
         * reading samples.clean in one go, with no fault, ends with the very same parameters.
         */
        void checkTopicsAndReference() throws Exception {
            Topic<String, byte[]> clean = new Topic<>(topics.samplesClean().name(), Serdes.String(), Serdes.ByteArray());
            List<String> cleanIds = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : TopicReader.exactly(kafka, clean, validIds.size(), name + "-check-clean")) {
                cleanIds.add(SampleSerdes.binary().deserializer().deserialize("", r.value()).id());
            }
            assertThat(cleanIds).doesNotHaveDuplicates();
            assertThat(new HashSet<>(cleanIds)).isEqualTo(validIds);
            List<String> dlqIds = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : TopicReader.exactly(kafka, topics.samplesDlq(), invalidIds.size(),
                    name + "-check-dlq")) {
                dlqIds.add(json.decode(r.value()).id());
            }
            assertThat(dlqIds).doesNotHaveDuplicates();
            assertThat(new HashSet<>(dlqIds)).isEqualTo(invalidIds);

            Path referenceDir = dir.resolve(name + "-reference");
            try (ServiceGroup g = group()) {
                TrainerStats reference = trainer(g, referenceDir, name + "-reference");
                await().atMost(Duration.ofSeconds(120)).until(() -> reference.trained() >= validIds.size());
                for (String s : validPerStream.keySet()) {
                    assertThat(samplesOf(reference, s)).isEqualTo(validPerStream.get(s));
                }
            } // its final checkpoint is written on close
            Dl4jBackend backend = new Dl4jBackend();
            ModelSpec spec = backend.resolve(ModelSpec.parse(MODEL));
            CheckpointStore faulted = new CheckpointStore(checkpoints, 3, backend.fileFormat(), v -> spec);
            CheckpointStore single = new CheckpointStore(referenceDir, 3, backend.fileFormat(), v -> spec);
            Set<String> compared = new HashSet<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                PartitionCheckpoint f = faulted.latest(topics.samplesClean().name(), partition).orElseThrow();
                PartitionCheckpoint r = single.latest(topics.samplesClean().name(), partition).orElseThrow();
                assertThat(f.nextOffset()).as("partition %d", partition).isEqualTo(r.nextOffset());
                for (PartitionCheckpoint.ModelState m : f.models()) {
                    PartitionCheckpoint.ModelState ref = r.models().stream()
                            .filter(x -> x.stream().equals(m.stream()) && x.variant().equals(m.variant())).findFirst().orElseThrow();
                    assertThat(m.params()).as("parameters of %s", m.stream()).isEqualTo(ref.params());
                    compared.add(m.stream());
                }
            }
            assertThat(compared).as("every stream compared with the reference").isEqualTo(validPerStream.keySet());
            System.out.printf("ClusterFaultsIT %s: %d valid ids once on samples.clean, %d invalid on the DLQ, steps per stream %s,"
                    + " parameters of all %d streams equal to the reference's%n", name, validIds.size(), invalidIds.size(),
                    validPerStream, compared.size());
        }
    }

    /** Sends phase {@code phase} of every stream, round robin over the streams, and records what is valid. */
    private void send(KafkaProducer<String, byte[]> producer, Topics topics, int phase) throws Exception {
        send(producer, topics, phase * PER_PHASE, (phase + 1) * PER_PHASE);
    }

    /** Sends the samples {@code from} to {@code to - 1} of every stream. */
    private void send(KafkaProducer<String, byte[]> producer, Topics topics, int from, int to) throws Exception {
        SplittableRandom rng = new SplittableRandom(from);
        for (int i = from; i < to; i++) {
            for (int k = 0; k < STREAMS; k++) {
                String stream = "stream-" + k;
                float[] x = new float[DIM];
                for (int j = 0; j < DIM; j++) {
                    x[j] = (float) rng.nextGaussian();
                }
                Sample s = new Sample(stream + "-" + i, stream, System.currentTimeMillis(), x,
                        Label.ofClass(x[0] > 0 ? 1 : 0), null, i);
                if ((i * STREAMS + k) % INVALID_EVERY == INVALID_EVERY - 1) {
                    float[] bad = (i % 2 == 0) ? x.clone() : java.util.Arrays.copyOf(x, DIM - 1);
                    if (i % 2 == 0) {
                        bad[2] = Float.NaN;
                    }
                    s = s.withFeatures(bad);
                    invalidIds.add(s.id());
                } else {
                    validIds.add(s.id());
                    validPerStream.merge(stream, 1L, Long::sum);
                }
                producer.send(new ProducerRecord<>(topics.samplesRaw().name(), stream, json.encode(s)));
            }
        }
        producer.flush();
    }

    /** The counts at each fault, for the record of the run. */
    private void report(String fault, LongSupplier trained) {
        System.out.printf("ClusterFaultsIT: %s with %d valid and %d invalid samples sent, %d trained%n", fault,
                validIds.size(), invalidIds.size(), trained.getAsLong());
    }

    private static void awaitAtLeast(LongSupplier count, long n) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100)).until(() -> count.getAsLong() >= n);
    }

    /** The steps of the model of {@code stream} in this trainer (restored models count what they had). */
    private static long samplesOf(TrainerStats stats, String stream) {
        return stats.models().stream().filter(m -> m.stream().equals(stream))
                .mapToLong(m -> m.snapshot().trained()).max().orElse(0);
    }
}
