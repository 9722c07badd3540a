package io.sgdscope.launcher.trainer;

import static io.sgdscope.launcher.PrometheusText.sum;
import static io.sgdscope.launcher.trainer.TrainerProcesses.bits;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.TopicReader;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.launcher.broker.EmbeddedKafkaExtension;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.trainer.checkpoint.PartitionCheckpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints under label delay: {@code samples.clean} holds what the streams app writes for a
 * delayed-label stream (each sample sent unlabelled, its joined copy later; some labelled at
 * arrival; some labels never), with delays long enough that the trainer also evicts by count and
 * by age and then scores late. A trainer SIGKILLed twice while predictions are pending, and
 * restarted each time, ends with the same parameters and training state (pending predictions,
 * label counts, feature-time and label-time scores) as one that ran straight through; and the
 * predictions it published, de-duplicated on (id, variant, step) as a consumer is told to, are
 * the straight run's.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class PendingPredictionsRecoveryIT {

    private static final int SAMPLES = 20_000;
    private static final int DIM = 16;
    private static final String STREAM = "delayed";
    /** Event time between consecutive samples. */
    private static final long TICK_MS = 5;
    /** Longest label delay, in samples; past the pending limits below, so some labels are scored late. */
    private static final int MAX_DELAY = 150;
    private static final int PENDING_MAX_COUNT = 60;
    /** 100 samples of event time. */
    private static final String PENDING_MAX_AGE = "500ms";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dirs;

    /** What {@link #fill} wrote. */
    private record Written(long records, long labelled, Set<String> unlabelledIds) {
    }

    @Test
    void sigkilledTwiceWithPredictionsPendingEndsAsAnUninterruptedRun(EmbeddedKafkaBroker broker) throws Exception {
        String prefix = EmbeddedKafkaExtension.uniquePrefix();
        Topics topics = new Topics(prefix);
        KafkaClientConfig kafka = new KafkaClientConfig(broker.bootstrapServers(), Map.of());
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        Written written = fill(kafka, topics.samplesClean());
        Path config = Files.writeString(dirs.resolve("pending.yaml"), """
                trainer:
                  pending:
                    max-count: %d
                    max-age: %s
                """.formatted(PENDING_MAX_COUNT, PENDING_MAX_AGE));

        Path reference = dirs.resolve("reference");
        TrainerProcesses.runToEnd(trainArgs(broker, prefix, config, reference, "straight"));
        long straightEnd = TopicReader.endOffset(kafka, topics.predictions().name());

        long seed = System.nanoTime();
        long[] killAt = new Random(seed).longs(2, written.labelled() / 10, written.labelled() * 7 / 10).sorted().toArray();
        System.out.printf("kill points %s (seed %d)%n", Arrays.toString(killAt), seed);
        Path killed = dirs.resolve("killed");
        Map<String, String> noisy = Map.of("model", "noisy", "stream", STREAM);
        long killedAt = 0;
        for (int k = 0; k < killAt.length; k++) {
            // past the previous kill too, so that each run trains something before it dies
            long point = Math.max(killAt[k], killedAt + 1);
            // The first kill comes on the first scrape that sees a new checkpoint: the predictions made
            // before it must be on the topic already, since the restart does not make them again. The
            // second comes anywhere between checkpoints, so the restart predicts some samples twice.
            Predicate<String> due = text -> sum(text, "sgdscope_trainer_samples_total", noisy) >= point
                    && sum(text, "sgdscope_trainer_pending_predictions", noisy) > 0;
            AtomicLong checkpointsSeen = new AtomicLong(Long.MAX_VALUE);
            Predicate<String> newCheckpoint = text -> {
                long saved = (long) sum(text, "sgdscope_trainer_checkpoints_total", Map.of());
                return saved > checkpointsSeen.getAndSet(saved);
            };
            String last = TrainerProcesses.sigkillWhen(k == 0 ? due.and(newCheckpoint) : due,
                    "sample " + point + " was scored with predictions pending" + (k == 0 ? ", after a checkpoint" : ""),
                    trainArgs(broker, prefix, config, killed, "killed"));
            killedAt = (long) sum(last, "sgdscope_trainer_samples_total", noisy);
            System.out.printf("killed at %d samples scored, %.0f predictions pending%n", killedAt,
                    sum(last, "sgdscope_trainer_pending_predictions", noisy));
        }
        assertThat(TrainerProcesses.runToEnd(trainArgs(broker, prefix, config, killed, "killed")))
                .anyMatch(l -> l.contains("restored 2 models from the checkpoint"));

        PartitionCheckpoint expected = TrainerProcesses.latestCheckpoint(reference, topics);
        PartitionCheckpoint actual = TrainerProcesses.latestCheckpoint(killed, topics);
        assertThat(expected.nextOffset()).isEqualTo(written.records());
        assertThat(actual.nextOffset()).isEqualTo(written.records());
        assertThat(actual.models()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            PartitionCheckpoint.ModelState e = expected.models().get(i);
            PartitionCheckpoint.ModelState a = actual.models().get(i);
            assertThat(a.variant()).isEqualTo(e.variant());
            assertThat(bits(a.params())).as("parameters of %s", a.variant()).containsExactly(bits(e.params()));
            // optimizer, RNG, pending predictions, label counts and both scores as well
            assertThat(a.state()).as("training state of %s", a.variant()).isEqualTo(e.state());
        }

        // predictions: the straight run's come first on the topic, then the killed runs', with repeats
        List<ConsumerRecord<String, byte[]>> all = TopicReader.exactly(kafka, topics.predictions(),
                (int) TopicReader.endOffset(kafka, topics.predictions().name()), prefix + "check-predictions");
        Map<String, JsonNode> straight = new HashMap<>();
        Map<String, JsonNode> afterKills = new HashMap<>();
        long repeats = 0;
        for (ConsumerRecord<String, byte[]> r : all) {
            JsonNode p = JSON.readTree(new String(r.value(), StandardCharsets.UTF_8));
            String key = p.get("id").asText() + "|" + p.get("variant").asText() + "|" + p.get("step").asLong();
            ObjectNode withoutWallClock = ((ObjectNode) p).deepCopy();
            withoutWallClock.remove("predicted_at_ms");
            if (r.offset() < straightEnd) {
                assertThat(straight.put(key, withoutWallClock)).as("one prediction %s in a run without restarts", key)
                        .isNull();
            } else {
                JsonNode before = afterKills.put(key, withoutWallClock);
                if (before != null) {
                    repeats++;
                    assertThat(withoutWallClock).as("a repeated prediction %s", key).isEqualTo(before);
                }
            }
        }
        System.out.printf("%d predictions, %d repeated after the kills%n", straight.size(), repeats);
        // the default trainer.predictions=unlabelled: one per variant for each sample that arrived unlabelled
        assertThat(straight).hasSize(2 * written.unlabelledIds().size());
        Set<String> predictedIds = new HashSet<>();
        straight.values().forEach(p -> predictedIds.add(p.get("id").asText()));
        assertThat(predictedIds).isEqualTo(written.unlabelledIds());
        assertThat(afterKills).isEqualTo(straight);
    }

    private static String[] trainArgs(EmbeddedKafkaBroker broker, String prefix, Path config, Path checkpoints,
                                      String group) {
        return new String[] {"train", "--config", config.toString(), "--bootstrap-servers", broker.bootstrapServers(),
                "--topic-prefix", prefix, "--http-port", "0", "--group-id", prefix + group,
                "--checkpoint-dir", checkpoints.toString(), "--checkpoint-every", "2000", "--stop-at-end",
                "--model", "mlp:" + DIM + "-32-2,act=relu",
                "--variant", "momentum:optimizer=momentum,learning-rate=0.01,batch-size=3",
                "--variant", "noisy:optimizer=label-noise-sgd,label-noise=0.2,learning-rate=0.02"};
    }

    /** A joined copy waiting to be written at position {@code due} of the sample sequence. */
    private record Due(int due, int order, Sample joined) {
    }

    /**
     * Writes the samples in the order the streams app would: one in five labelled at arrival, one
     * in twenty never labelled, the rest unlabelled at once and joined 1 to {@link #MAX_DELAY}
     * samples later.
     */
    private static Written fill(KafkaClientConfig kafka, Topic<String, Sample> topic) throws Exception {
        SplittableRandom rng = new SplittableRandom(13);
        PriorityQueue<Due> waiting = new PriorityQueue<>((a, b) -> a.due() != b.due()
                ? Integer.compare(a.due(), b.due()) : Integer.compare(a.order(), b.order()));
        Set<String> unlabelledIds = new HashSet<>();
        long records = 0;
        long labelled = 0;
        try (var producer = new KafkaProducer<>(kafka.toProperties(Map.of("linger.ms", 20)),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            List<Future<?>> acks = new ArrayList<>();
            for (int i = 0; i <= SAMPLES; i++) {
                while (!waiting.isEmpty() && (waiting.peek().due() <= i || i == SAMPLES)) {
                    acks.add(producer.send(new ProducerRecord<>(topic.name(), STREAM, waiting.poll().joined())));
                    records++;
                    labelled++;
                }
                if (i == SAMPLES) {
                    break;
                }
                float[] x = new float[DIM];
                double dot = 0;
                for (int j = 0; j < DIM; j++) {
                    x[j] = (float) rng.nextGaussian();
                    dot += (j % 3 == 0 ? 1 : -0.5) * x[j];
                }
                Label label = Label.ofClass(dot > 0 ? 1 : 0);
                Sample s = new Sample("s" + i, STREAM, 1_000_000L + i * TICK_MS, x, null, null, i);
                double kind = rng.nextDouble();
                if (kind < 0.2) {
                    s = s.withLabel(label);
                    labelled++;
                } else {
                    unlabelledIds.add(s.id());
                    if (kind >= 0.25) {
                        waiting.add(new Due(i + 1 + rng.nextInt(MAX_DELAY), i, s.joinedWith(label)));
                    }
                }
                acks.add(producer.send(new ProducerRecord<>(topic.name(), STREAM, s)));
                records++;
            }
            producer.flush();
            for (var ack : acks) {
                ack.get();
            }
        }
        return new Written(records, labelled, unlabelledIds);
    }
}
