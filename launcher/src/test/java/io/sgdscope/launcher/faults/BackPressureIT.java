package io.sgdscope.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.SampleSerdes;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.launcher.broker.EmbeddedKafkaExtension;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.ServiceGroup;
import io.sgdscope.launcher.run.ShutdownSignal;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.checkpoint.CheckpointConfig;
import io.sgdscope.trainer.eval.PendingLimits;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault case 3, back-pressure: a producer without a rate limit writes {@code samples.clean} while
 * the trainer is held to a fraction of that rate (its deserializer pauses: test support, through
 * {@link PipelineParts#startTrainer(TrainerConfig, Map, Topic)}). The backlog then waits on the
 * broker, not in the trainer: the trainer's heap, measured after a GC, grows by less than a ceiling
 * derived from the bounds on what it may hold, while the lag grows to several times that ceiling
 * in bytes. Once the slowdown is lifted every labelled sample is trained exactly once and the
 * committed offset reaches the end of the topic.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class BackPressureIT {

    private static final String STREAM = "back-pressure";
    private static final int DIM = 256;
    private static final int TOTAL = 100_000;
    /** Every tenth sample arrives unlabelled: predicted and held as pending, not trained. */
    private static final int UNLABELLED_EVERY = 10;

    // The bounds the trainer runs with, set here so that the ceiling can be derived from them.
    private static final int FETCH_MAX_BYTES = 1 << 20;
    private static final int MAX_POLL_RECORDS = 500;
    private static final int PRODUCER_BUFFER = 4 << 20;
    private static final int PENDING_MAX = 1_000;
    /** A decoded sample: 4 bytes a feature plus the record, array, id, label and consumer-record headers. */
    private static final long DECODED_SAMPLE_BYTES = 4L * DIM + 512;
    /** One prediction waiting in the queue: probabilities, id, stream, times, and its boxing. */
    private static final long PREDICTION_BYTES = 1_024;
    /** What else the process may allocate and keep at any moment: the embedded broker's request buffers, metrics, JIT. */
    private static final long OTHER = 24L << 20;

    /**
     * What the trainer may hold however far behind it is: two fetch responses (one being parsed, one
     * in flight), one poll's decoded records, the pending predictions, the prediction queue, and two
     * producers' buffers (the test's and the predictions publisher's); plus the rest of the process.
     */
    static long heapCeiling() {
        return 2L * FETCH_MAX_BYTES
                + MAX_POLL_RECORDS * DECODED_SAMPLE_BYTES
                + PENDING_MAX * (DECODED_SAMPLE_BYTES + PREDICTION_BYTES)
                + PipelineParts.PREDICTION_QUEUE * PREDICTION_BYTES
                + 2L * PRODUCER_BUFFER
                + OTHER;
    }

    @TempDir
    Path checkpoints;

    @Test
    void aSlowTrainerLeavesTheBacklogOnTheBrokerAndDropsNothing(EmbeddedKafkaBroker broker) throws Exception {
        String prefix = EmbeddedKafkaExtension.uniquePrefix();
        Topics topics = new Topics(prefix);
        KafkaClientConfig kafka = new KafkaClientConfig(broker.bootstrapServers(), Map.of(
                "fetch.max.bytes", Integer.toString(FETCH_MAX_BYTES),
                "max.partition.fetch.bytes", Integer.toString(FETCH_MAX_BYTES),
                "max.poll.records", Integer.toString(MAX_POLL_RECORDS),
                "buffer.memory", Integer.toString(PRODUCER_BUFFER)));
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        AtomicBoolean slow = new AtomicBoolean(true);
        Topic<String, Sample> input = slowed(topics.samplesClean(), slow);
        String groupId = prefix + "trainer";
        TrainerConfig cfg = TrainerConfig.from(RawConfig.of(Map.of(TrainerConfig.MODEL, "linear:" + DIM + "-2",
                TrainerConfig.GROUP_ID, groupId, PendingLimits.MAX_COUNT, Integer.toString(PENDING_MAX),
                CheckpointConfig.DIR, checkpoints.toString(), CheckpointConfig.INTERVAL, "1h"), "test"));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            TrainerStats trainer = new PipelineParts(kafka, topics, new SimpleMeterRegistry(), group)
                    .startTrainer(cfg, Map.of(), input);
            long labelled;
            List<Long> lags = new ArrayList<>();
            long peakGrowth = 0;
            try (KafkaProducer<String, Sample> producer = new KafkaProducer<>(kafka.toProperties(Map.of()),
                    Serdes.String().serializer(), SampleSerdes.binary().serializer())) {
                // warm up: the model exists and every class the trainer needs is loaded before the baseline
                labelled = send(producer, topics, 0, 2_000);
                producer.flush();
                await().atMost(Duration.ofSeconds(60)).until(() -> trainer.trained() > 0);
                long baseline = usedAfterGc(memory);

                AtomicLong sent = new AtomicLong();
                AtomicLong labelledLater = new AtomicLong();
                Thread unlimited = new Thread(() -> {
                    for (int from = 2_000; from < TOTAL; from += 1_000) {
                        labelledLater.addAndGet(send(producer, topics, from, 1_000));
                        sent.set(from + 1_000);
                    }
                    producer.flush();
                }, "unlimited-producer");
                unlimited.start();
                while (unlimited.isAlive()) {
                    unlimited.join(500);
                    peakGrowth = Math.max(peakGrowth, usedAfterGc(memory) - baseline);
                    lags.add(trainer.consumerLag());
                }
                peakGrowth = Math.max(peakGrowth, usedAfterGc(memory) - baseline);
                lags.add(trainer.consumerLag());
                labelled += labelledLater.get();
            }
            long peakLag = lags.stream().mapToLong(Long::longValue).max().orElse(0);
            long recordBytes = SampleSerdes.binary().serializer().serialize("", sample(0, new SplittableRandom(0))).length;
            assertThat(lags.get(lags.size() - 1)).as("the lag grew while the producer ran: %s", lags)
                    .isGreaterThan(lags.get(0) + 10_000);
            // decoded, a record takes more heap than on the wire: a trainer that kept the backlog would exceed the ceiling
            assertThat(peakLag * recordBytes).as("the backlog, in bytes, exceeds the ceiling (else this proves nothing)")
                    .isGreaterThan(heapCeiling());
            assertThat(peakGrowth).as("heap growth after GC, against the ceiling %d", heapCeiling())
                    .isLessThan(heapCeiling());

            System.out.printf("BackPressureIT: heap growth after GC %d bytes (ceiling %d), lag %s records, peak backlog %d bytes%n",
                    peakGrowth, heapCeiling(), lags, peakLag * recordBytes);
            slow.set(false);
            long expected = labelled;
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> trainer.trained() >= expected && trainer.consumerLag() == 0);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> trainer.trained() == expected);
            assertThat(trainer.trained()).as("every labelled sample trained once").isEqualTo(expected);
            assertThat(trainer.models()).singleElement().satisfies(m -> assertThat(m.snapshot().trained()).isEqualTo(expected));
            assertThat(committed(kafka, groupId, topics.samplesClean().name()))
                    .as("the committed offset covers every record, unlabelled ones too").isEqualTo(TOTAL);
            assertThat(group.failure()).isNull();
        }
    }

    /** Sends samples {@code from .. from+n-1}; returns how many of them are labelled. */
    private static long send(KafkaProducer<String, Sample> producer, Topics topics, int from, int n) {
        SplittableRandom rng = new SplittableRandom(from);
        long labelled = 0;
        for (int i = from; i < from + n; i++) {
            Sample s = sample(i, rng);
            labelled += s.isLabelled() ? 1 : 0;
            producer.send(new ProducerRecord<>(topics.samplesClean().name(), STREAM, s));
        }
        return labelled;
    }

    private static Sample sample(int i, SplittableRandom rng) {
        float[] x = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            x[j] = (float) rng.nextGaussian();
        }
        Label y = i % UNLABELLED_EVERY == UNLABELLED_EVERY - 1 ? null : Label.ofClass(x[0] > 0 ? 1 : 0);
        return new Sample(STREAM + "-" + i, STREAM, 1_700_000_000_000L + i, x, y, null, i);
    }

    /** {@code topic} whose deserializer, while {@code slow} holds, pauses 20 ms every 20 records: at most 1,000/s. */
    private static Topic<String, Sample> slowed(Topic<String, Sample> topic, AtomicBoolean slow) {
        Deserializer<Sample> plain = topic.valueSerde().deserializer();
        AtomicLong count = new AtomicLong();
        Deserializer<Sample> paced = (t, data) -> {
            if (slow.get() && count.incrementAndGet() % 20 == 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return plain.deserialize(t, data);
        };
        return new Topic<>(topic.name(), topic.keySerde(), Serdes.serdeFrom(topic.valueSerde().serializer(), paced));
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long committed(KafkaClientConfig kafka, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.toProperties(Map.of()))) {
            TopicPartition p = new TopicPartition(topic, 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                OffsetAndMetadata o = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(p);
                long end = admin.listOffsets(Map.of(p, OffsetSpec.latest())).all().get().get(p).offset();
                return o != null && o.offset() == end;
            });
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(p).offset();
        }
    }
}
