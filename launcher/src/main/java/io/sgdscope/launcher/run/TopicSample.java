package io.sgdscope.launcher.run;

import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.ingest.IngestRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The first records of an existing topic, read as bytes by a plain consumer with no group: nothing
 * is committed and no consumer group is left behind on the user's cluster.
 */
public final class TopicSample {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Why a topic gave no sample: it does not exist, or holds no records. */
    public static final class NoSampleException extends Exception {
        NoSampleException(String message) {
            super(message);
        }
    }

    private TopicSample() {
    }

    /**
     * Up to {@code max} records from the beginning of every partition of {@code topic}, partition by
     * partition in offset order; fewer if the topic holds fewer.
     */
    public static List<IngestRecord> read(KafkaClientConfig kafka, String topic, int max)
            throws NoSampleException, InterruptedException {
        List<TopicPartition> partitions = partitions(kafka, topic);
        Map<String, Object> props = Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, Math.min(max, 5_000)));
        List<IngestRecord> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(kafka.toProperties(props), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (out.size() < max && !atEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read only " + out.size() + " records of " + topic + " within "
                            + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (out.size() < max) {
                        out.add(new IngestRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value()));
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new NoSampleException("topic '" + topic + "' on " + kafka.bootstrapServers()
                    + " holds no records to draft a mapping from");
        }
        return out;
    }

    private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), TIMEOUT) >= e.getValue());
    }

    private static List<TopicPartition> partitions(KafkaClientConfig kafka, String topic)
            throws NoSampleException, InterruptedException {
        try (Admin admin = Admin.create(kafka.toProperties(Map.of()))) {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            return d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new NoSampleException("topic '" + topic + "' does not exist on " + kafka.bootstrapServers());
            }
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot reach " + kafka.bootstrapServers() + " within "
                    + TIMEOUT.toSeconds() + " s", e);
        }
    }
}
