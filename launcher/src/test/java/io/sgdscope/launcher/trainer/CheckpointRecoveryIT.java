package io.sgdscope.launcher.trainer;

import static io.sgdscope.launcher.PrometheusText.value;
import static io.sgdscope.launcher.trainer.TrainerProcesses.bits;
import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.launcher.broker.EmbeddedKafkaExtension;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.trainer.checkpoint.PartitionCheckpoint;
import io.sgdscope.trainer.checkpoint.VersionedState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once effect of checkpoints: a trainer JVM killed with SIGKILL at three random points and
 * restarted each time ends with the same bits as one that ran straight through.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class CheckpointRecoveryIT {

    private static final int TOTAL = 200_000;
    private static final int DIM = 32;
    private static final String STREAM = "teacher";

    @TempDir
    Path dirs;

    @Test
    void sigkilledThreeTimesEndsBitIdenticalToAnUninterruptedRun(EmbeddedKafkaBroker broker) throws Exception {
        String prefix = EmbeddedKafkaExtension.uniquePrefix();
        Topics topics = new Topics(prefix);
        KafkaClientConfig kafka = new KafkaClientConfig(broker.bootstrapServers(), Map.of());
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        fill(kafka, topics.samplesClean());

        Path reference = dirs.resolve("reference");
        TrainerProcesses.runToEnd(trainArgs(broker, prefix, reference, "straight"));

        long seed = System.nanoTime();
        Random random = new Random(seed);
        long[] killAt = random.longs(3, TOTAL / 20, TOTAL - TOTAL / 20).sorted().toArray();
        System.out.printf("kill points %s (seed %d)%n", Arrays.toString(killAt), seed);
        Path killed = dirs.resolve("killed");
        String series = "sgdscope_trainer_samples_total{model=\"noisy\",stream=\"" + STREAM + "\"}";
        for (long point : killAt) {
            TrainerProcesses.sigkillWhen(text -> value(text, series) >= point, "sample " + point + " was reached",
                    trainArgs(broker, prefix, killed, "killed"));
        }
        assertThat(TrainerProcesses.runToEnd(trainArgs(broker, prefix, killed, "killed")))
                .anyMatch(l -> l.contains("restored 2 models from the checkpoint"));

        PartitionCheckpoint expected = TrainerProcesses.latestCheckpoint(reference, topics);
        PartitionCheckpoint actual = TrainerProcesses.latestCheckpoint(killed, topics);
        assertThat(expected.nextOffset()).isEqualTo(TOTAL);
        assertThat(actual.nextOffset()).isEqualTo(TOTAL);
        assertThat(actual.models()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            PartitionCheckpoint.ModelState e = expected.models().get(i);
            PartitionCheckpoint.ModelState a = actual.models().get(i);
            assertThat(a.variant()).isEqualTo(e.variant());
            assertThat(bits(a.params())).as("parameters of %s", a.variant()).containsExactly(bits(e.params()));
            // optimizer, RNG, pending batch rows and prequential windows as well
            assertThat(a.state()).as("training state of %s", a.variant()).isEqualTo(e.state());
            int batch = a.variant().equals("momentum") ? 3 : 1;
            assertThat(stepsOf(a)).as("each sample trained once by %s", a.variant()).isEqualTo(TOTAL / batch);
        }
    }

    private static String[] trainArgs(EmbeddedKafkaBroker broker, String prefix, Path checkpoints, String group) {
        return new String[] {"train", "--bootstrap-servers", broker.bootstrapServers(), "--topic-prefix", prefix,
                "--http-port", "0", "--group-id", prefix + group, "--checkpoint-dir", checkpoints.toString(),
                "--checkpoint-every", "5000", "--stop-at-end", "--model", "mlp:" + DIM + "-64-2,act=relu",
                "--variant", "momentum:optimizer=momentum,learning-rate=0.01,batch-size=3",
                "--variant", "noisy:optimizer=label-noise-sgd,label-noise=0.2,learning-rate=0.02"};
    }

    private static void fill(KafkaClientConfig kafka, Topic<String, Sample> topic) throws Exception {
        SplittableRandom rng = new SplittableRandom(11);
        try (var producer = new KafkaProducer<>(kafka.toProperties(Map.of("linger.ms", 20)),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (int i = 0; i < TOTAL; i++) {
                float[] x = new float[DIM];
                double dot = 0;
                for (int j = 0; j < DIM; j++) {
                    x[j] = (float) rng.nextGaussian();
                    dot += (j % 3 == 0 ? 1 : -0.5) * x[j];
                }
                Sample s = new Sample("s" + i, STREAM, i, x, Label.ofClass(dot > 0 ? 1 : 0), null);
                acks.add(producer.send(new ProducerRecord<>(topic.name(), STREAM, s)));
            }
            producer.flush();
            for (var ack : acks) {
                ack.get();
            }
        }
    }

    /** The body of a model's state starts with OnlineModel's step count. */
    private static long stepsOf(PartitionCheckpoint.ModelState m) throws IOException {
        return VersionedState.open(m.state()).readLong();
    }
}
