package io.sgdscope.launcher.trainer;

import static io.sgdscope.launcher.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.JarProcess;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.launcher.broker.EmbeddedKafkaExtension;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.trainer.checkpoint.CheckpointStore;
import io.sgdscope.trainer.checkpoint.PartitionCheckpoint;
import io.sgdscope.trainer.checkpoint.VersionedState;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
        try (JarProcess straight = JarProcess.launch(trainArgs(broker, prefix, reference, "straight"))) {
            awaitExit(straight, 0);
        }

        long seed = System.nanoTime();
        Random random = new Random(seed);
        long[] killAt = random.longs(3, TOTAL / 20, TOTAL - TOTAL / 20).sorted().toArray();
        System.out.printf("kill points %s (seed %d)%n", Arrays.toString(killAt), seed);
        Path killed = dirs.resolve("killed");
        for (long point : killAt) {
            try (JarProcess run = JarProcess.launch(trainArgs(broker, prefix, killed, "killed"))) {
                HttpRequest scrape = HttpRequest.newBuilder(URI.create(run.awaitMetricsUrl())).build();
                HttpClient http = HttpClient.newHttpClient();
                String series = "sgdscope_trainer_samples_total{model=\"noisy\",stream=\"" + STREAM + "\"}";
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(
                        () -> !run.process().isAlive()
                                || value(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body(), series) >= point);
                assertThat(run.process().isAlive()).as("still training when sample %d was reached", point).isTrue();
                run.process().destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
                assertThat(run.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(run.process().exitValue()).isEqualTo(137);
            }
        }
        try (JarProcess last = JarProcess.launch(trainArgs(broker, prefix, killed, "killed"))) {
            awaitExit(last, 0);
            assertThat(last.stderr()).anyMatch(l -> l.contains("restored 2 models from the checkpoint"));
        }

        PartitionCheckpoint expected = latest(reference, topics);
        PartitionCheckpoint actual = latest(killed, topics);
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

    private static void awaitExit(JarProcess p, int code) throws InterruptedException {
        assertThat(p.process().waitFor(180, TimeUnit.SECONDS)).as("finished; stderr:%n%s",
                String.join("\n", p.stderr())).isTrue();
        assertThat(p.process().exitValue()).as("exit code; stdout:%n%s%nstderr:%n%s",
                String.join("\n", p.stdout()), String.join("\n", p.stderr())).isEqualTo(code);
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

    private static PartitionCheckpoint latest(Path dir, Topics topics) {
        return new CheckpointStore(dir, 10, new Dl4jBackend().fileFormat(), v -> null)
                .latest(topics.samplesClean().name(), 0).orElseThrow();
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    /** The body of a model's state starts with OnlineModel's step count. */
    private static long stepsOf(PartitionCheckpoint.ModelState m) throws IOException {
        return VersionedState.open(m.state()).readLong();
    }
}
