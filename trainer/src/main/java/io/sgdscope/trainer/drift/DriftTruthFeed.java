package io.sgdscope.trainer.drift;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads all of {@code drift.truth} from the beginning into a {@link DriftTruthLog}, on its own
 * thread and outside any consumer group, so every trainer instance sees every stream's truth.
 * Waits for the topic if it does not exist yet: truth is optional, real sources have none.
 */
public final class DriftTruthFeed implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DriftTruthFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<String, DriftEvent> consumer;
    private final String topic;
    private final DriftTruthLog log;
    private volatile boolean stopping;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public DriftTruthFeed(Consumer<String, DriftEvent> consumer, String topic, DriftTruthLog log) {
        this.consumer = consumer;
        this.topic = topic;
        this.log = log;
    }

    public static Consumer<String, DriftEvent> createConsumer(KafkaClientConfig kafka, Topic<String, DriftEvent> topic) {
        Map<String, Object> defaults = Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "sgdscope-truth-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(kafka.toProperties(defaults), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = waitForTopic();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stopping) {
                for (ConsumerRecord<String, DriftEvent> r : consumer.poll(POLL)) {
                    if (r.value() != null) {
                        log.offer(r.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // stop()
        } catch (RuntimeException e) {
            LOG.warn("stopped reading {}: drift detectors are no longer scored against new truth: {}", topic, e.toString());
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    private List<TopicPartition> waitForTopic() {
        while (!stopping) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            try {
                if (stopped.await(2, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.of();
    }

    public void stop() {
        stopping = true;
        stopped.countDown();
        consumer.wakeup();
    }
}
