package io.sgdscope.launcher.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sgdscope.common.Sample;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.launcher.broker.EmbeddedKafkaExtension;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerService;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.TrainingContext;
import io.sgdscope.trainer.checkpoint.CheckpointConfig;
import io.sgdscope.trainer.insight.InsightConfig;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import io.sgdscope.trainer.predict.PredictionRecord;
import io.sgdscope.trainer.predict.PredictionSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's polling thread hands polled batches to its training thread: every record is
 * trained once and in its partition's order, also when a rebalance or a stop arrives while the
 * training thread is in the middle of a batch and more batches wait in the hand-off. The training
 * thread is held there by its prediction sink, which it calls for every sample it predicts.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class TrainerHandOffIT {

    /** Per partition: several polls of up to 2,000 records, so batches queue behind a held one. */
    private static final int PER_PARTITION = 12_000;
    private static final String[] STREAMS = {streamOnPartition(0), streamOnPartition(1)};

    @TempDir
    Path checkpoints;

    @Test
    void everyRecordIsTrainedOnceInItsPartitionsOrder(EmbeddedKafkaBroker broker) throws Exception {
        Setup s = setup(broker);
        Recording sink = new Recording(null);
        try (Running trainer = start(s, "ordered", sink)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> trainer.stats.trained() == 2L * PER_PARTITION);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(s, "ordered").equals(ends(s)));
        }
        for (String stream : STREAMS) {
            assertThat(sink.indices(stream)).as("samples of %s in training order", stream)
                    .containsExactlyElementsOf(range(0, PER_PARTITION));
        }
    }

    /**
     * The first trainer is held early in the topic, so its hand-off is full and most of the topic is
     * still to come when the second joins; it learns of the rebalance by heartbeat (every 100 ms here)
     * and its revocation arrives behind the batches it had polled. A second round of records, sent once
     * each member has its partition, gives the second trainer records of its own whatever the timing.
     */
    @Test
    void aRebalanceInTheMiddleOfABatchTrainsEveryRecordOnce(EmbeddedKafkaBroker broker) throws Exception {
        Setup s = setup(broker);
        Recording first = new Recording(STREAMS[0] + "-" + 1_000);
        Recording second = new Recording(null);
        String group = s.prefix + "group";
        try (Running a = start(s, "group", first)) {
            first.awaitHeld();
            try (Running b = start(s, "group", second);
                 Admin admin = Admin.create(s.kafka.toProperties(Map.of()))) {
                // the second member has joined and the group waits for the first, whose poller is held
                // behind a full hand-off
                await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeConsumerGroups(List.of(group)).all()
                        .get().get(group).groupState() == GroupState.PREPARING_REBALANCE);
                first.release();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                    return d.groupState() == GroupState.STABLE && d.members().size() == 2
                            && d.members().stream().allMatch(m -> m.assignment().topicPartitions().size() == 1);
                });
                send(s.kafka, s.topic, PER_PARTITION);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> first.count() + second.count() >= 4L * PER_PARTITION);
                await().atMost(Duration.ofSeconds(30)).until(() -> committed(s, "group").equals(ends(s, 2)));
                assertThat(second.count()).as("the joining trainer took a partition over").isPositive();
            }
        }
        for (String stream : STREAMS) {
            // one trainer's samples of a stream, then the other's from where it stopped: no gap, no repeat
            List<Integer> all = new ArrayList<>(first.indices(stream));
            all.addAll(second.indices(stream));
            assertThat(all).as("samples of %s, first trainer then second", stream)
                    .containsExactlyElementsOf(range(0, 2 * PER_PARTITION));
        }
    }

    @Test
    void aStopInTheMiddleOfABatchLosesAndRepeatsNothing(EmbeddedKafkaBroker broker) throws Exception {
        Setup s = setup(broker);
        Recording first = new Recording(STREAMS[1] + "-" + 5_000);
        Running a = start(s, "group", first);
        first.awaitHeld();
        a.service.stop(); // while held mid-batch, with batches handed over behind it
        first.release();
        a.close();
        long trainedBefore = first.count();
        assertThat(trainedBefore).as("stopped before the end").isLessThan(2L * PER_PARTITION);
        Map<TopicPartition, Long> stoppedAt = committed(s, "group");
        for (int p = 0; p < 2; p++) {
            assertThat(stoppedAt.getOrDefault(new TopicPartition(s.topic.name(), p), 0L))
                    .as("committed offset of partition %d: what was trained of it", p)
                    .isEqualTo((long) first.indices(STREAMS[p]).size());
        }

        Recording second = new Recording(null);
        try (Running b = start(s, "group", second)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> trainedBefore + second.count() == 2L * PER_PARTITION);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(s, "group").equals(ends(s)));
        }
        for (String stream : STREAMS) {
            List<Integer> all = new ArrayList<>(first.indices(stream));
            all.addAll(second.indices(stream));
            assertThat(all).as("samples of %s, before the stop then after", stream)
                    .containsExactlyElementsOf(range(0, PER_PARTITION));
        }
    }

    private record Setup(KafkaClientConfig kafka, String prefix, Topic<String, Sample> topic) {
    }

    private Setup setup(EmbeddedKafkaBroker broker) throws Exception {
        String prefix = EmbeddedKafkaExtension.uniquePrefix();
        Topics topics = new Topics(prefix);
        KafkaClientConfig kafka = new KafkaClientConfig(broker.bootstrapServers(), Map.of());
        try (Admin admin = Admin.create(kafka.toProperties(Map.of()))) {
            admin.createTopics(List.of(new NewTopic(topics.samplesClean().name(), 2, (short) 1))).all().get();
        }
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        send(kafka, topics.samplesClean(), 0);
        // trainers learn of a rebalance by heartbeat: at 100 ms, while the held one still has most of the topic ahead
        return new Setup(new KafkaClientConfig(broker.bootstrapServers(), Map.of("heartbeat.interval.ms", "100")),
                prefix, topics.samplesClean());
    }

    /** A trainer service on its own thread, reading {@code s.topic} in group {@code prefix + group}. */
    private Running start(Setup s, String group, Recording sink) {
        TrainerConfig cfg = TrainerConfig.from(RawConfig.of(Map.of(TrainerConfig.MODEL, "linear:8-2",
                TrainerConfig.GROUP_ID, s.prefix + group, InsightConfig.ENABLED, "false",
                CheckpointConfig.DIR, checkpoints.resolve(group).toString(), CheckpointConfig.EVERY_SAMPLES, "1000000",
                CheckpointConfig.INTERVAL, "1h", CheckpointConfig.KEEP, "3"), "test"));
        TrainerStats stats = new TrainerStats();
        TrainerService service = new TrainerService(TrainerService.createConsumer(s.kafka, s.topic, cfg.groupId()),
                s.topic, cfg, TrainingContext.inline(new Dl4jBackend()).withPredictions(sink), stats, Map.of());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                service.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "test-trainer-" + group);
        t.start();
        return new Running(service, stats, t, failure);
    }

    private record Running(TrainerService service, TrainerStats stats, Thread thread,
                           AtomicReference<Throwable> failure) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            service.stop();
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).as("trainer thread stopped").isFalse();
            assertThat(failure.get()).as("trainer failure").isNull();
        }
    }

    /**
     * Every prediction the training thread makes, in order; it holds the training thread at the
     * sample {@code holdAt} (an id) until {@link #release()}.
     */
    private static final class Recording implements PredictionSink {
        private final String holdAt;
        private final CountDownLatch held = new CountDownLatch(1);
        private boolean released;
        private final Map<String, List<Integer>> indices = new HashMap<>();
        private long count;

        Recording(String holdAt) {
            this.holdAt = holdAt;
        }

        @Override
        public synchronized void accept(PredictionRecord r) {
            if (r.sampleId().equals(holdAt)) {
                held.countDown();
                try {
                    // wait() gives the monitor up meanwhile, so the test can read what was recorded
                    while (!released) {
                        wait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            String id = r.sampleId();
            indices.computeIfAbsent(r.stream(), k -> new ArrayList<>())
                    .add(Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)));
            count++;
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(60, TimeUnit.SECONDS)).as("the training thread reached " + holdAt).isTrue();
        }

        synchronized void release() {
            released = true;
            notifyAll();
        }

        synchronized long count() {
            return count;
        }

        synchronized List<Integer> indices(String stream) {
            return List.copyOf(indices.getOrDefault(stream, List.of()));
        }
    }

    /** The offsets group {@code prefix + group} has committed on the input topic. */
    private static Map<TopicPartition, Long> committed(Setup s, String group) throws Exception {
        Map<TopicPartition, Long> m = new HashMap<>();
        try (Admin admin = Admin.create(s.kafka.toProperties(Map.of()))) {
            admin.listConsumerGroupOffsets(s.prefix + group).partitionsToOffsetAndMetadata().get().forEach((tp, o) -> {
                if (o != null && tp.topic().equals(s.topic.name())) {
                    m.put(tp, o.offset());
                }
            });
        }
        return m;
    }

    private static Map<TopicPartition, Long> ends(Setup s) {
        return ends(s, 1);
    }

    /** The ends of both partitions after {@code rounds} rounds of {@link #send}. */
    private static Map<TopicPartition, Long> ends(Setup s, int rounds) {
        return Map.of(new TopicPartition(s.topic.name(), 0), (long) rounds * PER_PARTITION,
                new TopicPartition(s.topic.name(), 1), (long) rounds * PER_PARTITION);
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add(i);
        }
        return l;
    }

    /** Kafka's default partitioner: murmur2 of the key. */
    private static String streamOnPartition(int partition) {
        for (int i = 0; ; i++) {
            String s = "stream-" + i;
            if (Utils.toPositive(Utils.murmur2(s.getBytes(StandardCharsets.UTF_8))) % 2 == partition) {
                return s;
            }
        }
    }

    /** {@link #PER_PARTITION} labelled samples of each stream from index {@code from}: a record's offset is its index. */
    private static void send(KafkaClientConfig kafka, Topic<String, Sample> topic, int from) throws Exception {
        LabelledSamples.send(kafka, topic, List.of(STREAMS), from, PER_PARTITION, 11 + from);
    }
}
