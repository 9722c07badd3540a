package io.sgdscope.trainer.predict;

import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes predictions on {@code predictions}, keyed by sample id, as {@link JsonPredictionCodec}
 * JSON. Sends are asynchronous, so the training thread waits for the broker only at a checkpoint
 * ({@link #flush}); a send that
 * fails (at once or in its callback) is counted and logged, never thrown and never retried by hand,
 * so a broker problem costs predictions, not training.
 * <p>
 * Delivery is at least once: the producer is idempotent (no duplicates from its own retries), but
 * it is not transactional with the trainer's consumer offsets, and a trainer that restarts from a
 * checkpoint predicts the samples after it again; those before it were flushed before the
 * checkpoint was written. A consumer de-duplicates on (id, variant, step).
 */
public final class KafkaPredictionSink implements PredictionSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPredictionSink.class);
    private static final long MAX_LOGGED_FAILURES = 10;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final JsonPredictionCodec codec = new JsonPredictionCodec();
    private final LongAdder published = new LongAdder();
    private final LongAdder failed = new LongAdder();

    public KafkaPredictionSink(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /**
     * An idempotent producer (acks=all, which idempotence requires) that batches for throughput:
     * predictions come one per sample and variant, small and many, so they wait up to 50 ms to fill
     * 512 KiB batches. Uncompressed, because a producer compresses on the thread that sends, here the
     * training thread, and the broker decompresses every compressed batch to validate it; set
     * {@code kafka.compression.type} where the network is the bottleneck. User {@code kafka.*}
     * settings override these.
     */
    public static Producer<String, byte[]> createProducer(KafkaClientConfig kafka, Topic<String, byte[]> topic) {
        return new KafkaProducer<>(kafka.toProperties(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 50,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none")),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @Override
    public void accept(PredictionRecord r) {
        try {
            producer.send(new ProducerRecord<>(topic, r.sampleId(), codec.encode(r)), (meta, e) -> {
                if (e == null) {
                    published.increment();
                } else {
                    failed(r, e);
                }
            });
        } catch (RuntimeException e) {
            // e.g. the buffer stayed full for max.block.ms, or the producer is already closed
            failed(r, e);
        }
    }

    private void failed(PredictionRecord r, Exception e) {
        failed.increment();
        if (failed.sum() <= MAX_LOGGED_FAILURES) {
            LOG.warn("could not publish the prediction of {} for sample {} to {}: {}", r.variant(), r.sampleId(), topic,
                    e.toString());
        }
    }

    /** Predictions the broker acknowledged. */
    public long published() {
        return published.sum();
    }

    /** Predictions that could not be published. */
    public long failed() {
        return failed.sum();
    }

    /**
     * Waits until everything sent so far is acknowledged or has failed (at most the producer's
     * {@code delivery.timeout.ms}); failures are counted as usual.
     */
    @Override
    public void flush() {
        producer.flush();
    }

    /** Sends what is still buffered, waiting at most a few seconds. */
    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
