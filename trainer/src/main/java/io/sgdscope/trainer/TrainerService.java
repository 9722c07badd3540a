package io.sgdscope.trainer;

import io.sgdscope.common.Sample;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.trainer.eval.PrequentialEvaluator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code samples.clean} and trains prequentially. Reads only committed records, so with
 * an exactly-once streams app every sample is trained on once. Offsets are committed after each
 * batch is trained; checkpointing model state with its offsets comes with the checkpoint work.
 */
public final class TrainerService implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerService.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long MAX_LOGGED_INCOMPATIBLE = 10;

    private final Consumer<String, Sample> consumer;
    private final Topic<String, Sample> topic;
    private final PrequentialEvaluator evaluator;
    private final TrainerStats stats;
    private volatile boolean stopping;

    public TrainerService(Consumer<String, Sample> consumer, Topic<String, Sample> topic,
                          PrequentialEvaluator evaluator, TrainerStats stats) {
        this.consumer = consumer;
        this.topic = topic;
        this.evaluator = evaluator;
        this.stats = stats;
    }

    public static Consumer<String, Sample> createConsumer(KafkaClientConfig kafka, Topic<String, Sample> topic, String groupId) {
        Map<String, Object> defaults = Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(kafka.toProperties(defaults),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic.name()));
            while (!stopping) {
                ConsumerRecords<String, Sample> records;
                try {
                    records = consumer.poll(POLL);
                } catch (RecordDeserializationException e) {
                    skipUndecodable(e);
                    continue;
                }
                trainBatch(records);
                if (!records.isEmpty()) {
                    consumer.commitAsync();
                }
            }
        } catch (WakeupException e) {
            // stop() woke us from poll: a normal shutdown
        } finally {
            commitFinalOffsets();
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(3)));
        }
    }

    /**
     * A stop() that lands outside poll() leaves its wakeup pending, and the next blocking call
     * throws it instead of committing; that call is simply made again.
     */
    private void commitFinalOffsets() {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                consumer.commitSync(Duration.ofSeconds(3));
                return;
            } catch (WakeupException e) {
                // the pending wakeup is now consumed
            } catch (RuntimeException e) {
                LOG.warn("final offset commit failed, the last batch may be trained again: {}", e.toString());
                return;
            }
        }
    }

    private void trainBatch(ConsumerRecords<String, Sample> records) {
        long trained = 0;
        for (ConsumerRecord<String, Sample> r : records) {
            Sample s = r.value();
            if (s == null || !s.isLabelled()) {
                stats.recordSkippedUnlabelled();
                continue;
            }
            try {
                evaluator.step(s);
                trained++;
            } catch (IllegalArgumentException e) {
                // one sample the model cannot use must not stop training on the rest
                stats.recordIncompatible();
                if (stats.incompatible() <= MAX_LOGGED_INCOMPATIBLE) {
                    LOG.warn("skipping sample {} at {}-{} offset {}: {}", s.id(), r.topic(), r.partition(), r.offset(), e.getMessage());
                }
            }
        }
        if (trained > 0) {
            stats.publish(trained, evaluator.snapshot());
        }
    }

    /** An internal topic should never hold garbage; if it does, log where and move past it. */
    private void skipUndecodable(RecordDeserializationException e) {
        stats.recordUndecodable();
        LOG.error("skipping undecodable record at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
        consumer.seek(e.topicPartition(), e.offset() + 1);
    }

    /** Safe from any thread: ends the poll loop promptly. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }
}
