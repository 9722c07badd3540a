package io.sgdscope.launcher.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgdscope.common.Sample;
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
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.checkpoint.CheckpointConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models are keyed by stream, streams by partition: trainers in one group split the partitions and
 * own the models of theirs, hand them over through checkpoints when one leaves, and a trainer in
 * its own group sees every stream.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ScaleOutIT {

    private static final int PER_STREAM = 3_000;

    @TempDir
    Path checkpoints;

    @Test
    void twoTrainersSplitTwoPartitionsAndHandOverOnLeaving(EmbeddedKafkaBroker broker) throws Exception {
        String prefix = EmbeddedKafkaExtension.uniquePrefix();
        Topics topics = new Topics(prefix);
        KafkaClientConfig kafka = new KafkaClientConfig(broker.bootstrapServers(), Map.of());
        try (Admin admin = Admin.create(kafka.toProperties(Map.of()))) {
            admin.createTopics(java.util.List.of(new NewTopic(topics.samplesClean().name(), 2, (short) 1))).all().get();
        }
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        String[] streams = {streamOnPartition(0), streamOnPartition(1)};
        String group = prefix + "trainers";
        TrainerConfig cfg = trainerConfig(group);

        try (ServiceGroup a = new ServiceGroup(new ShutdownSignal());
             ServiceGroup b = new ServiceGroup(new ShutdownSignal());
             ServiceGroup solo = new ServiceGroup(new ShutdownSignal())) {
            TrainerStats first = parts(kafka, topics, a).startTrainer(cfg, Map.of());
            TrainerStats second = parts(kafka, topics, b).startTrainer(cfg, Map.of());
            TrainerStats alone = parts(kafka, topics, solo).startTrainer(trainerConfig(prefix + "alone"), Map.of());
            awaitMembersWithOnePartitionEach(kafka, group);

            send(kafka, topics.samplesClean(), streams, 0, PER_STREAM);
            await().atMost(Duration.ofSeconds(60)).until(() -> first.trained() + second.trained() == 2L * PER_STREAM);
            Set<String> firstStreams = streamsOf(first);
            Set<String> secondStreams = streamsOf(second);
            assertThat(firstStreams).hasSize(1);
            assertThat(secondStreams).hasSize(1).doesNotContainAnyElementsOf(firstStreams);
            assertThat(first.trained()).isEqualTo(PER_STREAM);
            await().atMost(Duration.ofSeconds(60)).until(() -> alone.trained() == 2L * PER_STREAM);
            assertThat(streamsOf(alone)).containsExactlyInAnyOrder(streams);

            // the second trainer leaves: its partition and its model move to the first, via its checkpoint
            b.close();
            send(kafka, topics.samplesClean(), streams, PER_STREAM, PER_STREAM);
            String moved = secondStreams.iterator().next();
            await().atMost(Duration.ofSeconds(60)).until(() -> samplesOf(first, moved) == 2L * PER_STREAM);
            assertThat(samplesOf(first, firstStreams.iterator().next())).isEqualTo(2L * PER_STREAM);
        }
    }

    private static PipelineParts parts(KafkaClientConfig kafka, Topics topics, ServiceGroup group) {
        return new PipelineParts(kafka, topics, new SimpleMeterRegistry(), group);
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

    private static void awaitMembersWithOnePartitionEach(KafkaClientConfig kafka, String group) {
        try (Admin admin = Admin.create(kafka.toProperties(Map.of()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                ConsumerGroupDescription d = admin.describeConsumerGroups(java.util.List.of(group)).all().get().get(group);
                return d.members().size() == 2
                        && d.members().stream().allMatch(m -> m.assignment().topicPartitions().size() == 1);
            });
        }
    }

    private static void send(KafkaClientConfig kafka, Topic<String, Sample> topic, String[] streams, int from, int n)
            throws Exception {
        LabelledSamples.send(kafka, topic, List.of(streams), from, n, from);
    }

    private static Set<String> streamsOf(TrainerStats stats) {
        return stats.models().stream().filter(m -> m.snapshot().trained() > 0).map(ModelStats::stream)
                .collect(Collectors.toSet());
    }

    private static long samplesOf(TrainerStats stats, String stream) {
        return stats.models().stream().filter(m -> m.stream().equals(stream))
                .mapToLong(m -> m.snapshot().trained()).sum();
    }

    /** Trainers of one group share this checkpoint directory, so a model moves with its partition. */
    private TrainerConfig trainerConfig(String groupId) {
        return TrainerConfig.from(RawConfig.of(Map.of(TrainerConfig.MODEL, "linear:8-2", TrainerConfig.GROUP_ID, groupId,
                CheckpointConfig.DIR, checkpoints.toString(), CheckpointConfig.EVERY_SAMPLES, "1000000",
                CheckpointConfig.INTERVAL, "1h", CheckpointConfig.KEEP, "3"), "test"));
    }
}
