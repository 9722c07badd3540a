package io.sgdscope.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic's committed records from its start, in a fresh consumer group, for assertions. */
public final class TopicReader {

    private TopicReader() {
    }

    /** Polls until at least {@code n} records arrived (60 s at most). */
    public static <V> List<ConsumerRecord<String, V>> atLeast(KafkaClientConfig kafka, Topic<String, V> topic, int n,
                                                             String group) {
        return read(kafka, topic, n, group, false);
    }

    /** Reads {@code n} records, then polls once more and checks that nothing else arrives. */
    public static <V> List<ConsumerRecord<String, V>> exactly(KafkaClientConfig kafka, Topic<String, V> topic, int n,
                                                             String group) {
        List<ConsumerRecord<String, V>> out = read(kafka, topic, n, group, true);
        assertThat(out).hasSize(n);
        return out;
    }

    /**
     * Polls until {@code done} holds for what was read (60 s at most), then polls once more, so that
     * a caller can check that nothing else arrives.
     */
    public static <V> List<ConsumerRecord<String, V>> until(KafkaClientConfig kafka, Topic<String, V> topic, String group,
                                                           Predicate<List<ConsumerRecord<String, V>>> done) {
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = consumer(kafka, topic, group)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return done.test(out);
            });
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    /** The records written to a topic so far (the end offsets of its partitions, summed), when none was transactional. */
    public static long endOffset(KafkaClientConfig kafka, String topic) {
        try (var consumer = new KafkaConsumer<>(kafka.toProperties(Map.of()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            // the records on the topic: the sum over its partitions
            List<TopicPartition> ps = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            return consumer.endOffsets(ps).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static <V> List<ConsumerRecord<String, V>> read(KafkaClientConfig kafka, Topic<String, V> topic, int n,
                                                           String group, boolean checkNoMore) {
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = consumer(kafka, topic, group)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= n;
            });
            if (checkNoMore) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    /** A consumer of {@code topic} in a fresh group, from its start, reading committed records only. */
    private static <V> KafkaConsumer<String, V> consumer(KafkaClientConfig kafka, Topic<String, V> topic, String group) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(kafka.toProperties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        consumer.subscribe(List.of(topic.name()));
        return consumer;
    }
}
