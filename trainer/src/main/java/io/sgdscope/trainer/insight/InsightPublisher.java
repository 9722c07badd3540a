package io.sgdscope.trainer.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topic;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every {@link InsightReport} as one JSON record on {@code trainer.metrics}, keyed by
 * {@code <model>@<stream>}, for replay and offline analysis. Sends are asynchronous; a failed send
 * is counted and logged, never retried by hand, and never stops training.
 */
public final class InsightPublisher implements Consumer<InsightReport>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InsightPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Producer<String, String> producer;
    private final String topic;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();

    public InsightPublisher(Producer<String, String> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public static Producer<String, String> createProducer(KafkaClientConfig kafka, Topic<String, String> topic) {
        return new KafkaProducer<>(kafka.toProperties(Map.of(
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 50,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** The record's JSON: the report's fields by name; NaN (not applicable) is written as the string "NaN". */
    public static String toJson(InsightReport r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the metrics report of " + r.model() + " as JSON", e);
        }
    }

    public static InsightReport fromJson(String json) {
        try {
            return JSON.readValue(json, InsightReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a metrics report: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void accept(InsightReport r) {
        producer.send(new ProducerRecord<>(topic, r.model() + "@" + r.stream(), toJson(r)), (meta, e) -> {
            if (e == null) {
                sent.increment();
            } else {
                failed.increment();
                if (failed.sum() <= 10) {
                    LOG.warn("could not publish the metrics of {}@{} to {}: {}", r.model(), r.stream(), topic, e.toString());
                }
            }
        });
    }

    public long sent() {
        return sent.sum();
    }

    public long failed() {
        return failed.sum();
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(3));
    }
}
