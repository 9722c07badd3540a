package io.sgdscope.producers.sink;

import io.sgdscope.common.Sample;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.producers.ProduceConfig;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Builds the Kafka producers the sinks are handed. */
public final class SampleProducers {

    private SampleProducers() {
    }

    /** Durable by default: every sample acknowledged by all in-sync replicas, no duplicates on retry. */
    public static Producer<String, Sample> create(KafkaClientConfig kafka, Topic<String, Sample> topic, String clientId) {
        return create(kafka, topic, clientId, 256 * 1024, 5, ProduceConfig.Compression.NONE);
    }

    /** As {@link #create(KafkaClientConfig, Topic, String)} with the batching and compression of {@code cfg}. */
    public static <V> Producer<String, V> create(KafkaClientConfig kafka, Topic<String, V> topic, String clientId,
                                                 ProduceConfig cfg) {
        return create(kafka, topic, clientId, cfg.batchSizeBytes(), cfg.linger().toMillis(), cfg.compression());
    }

    /**
     * The settings every sgdscope producer uses: {@code acks=all} and idempotence, so a retried batch
     * is written once and in order. Properties the user passes as {@code kafka.*} override these.
     */
    public static Map<String, Object> durableDefaults(String clientId, int batchSizeBytes, long lingerMs,
                                                      ProduceConfig.Compression compression) {
        return Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, (int) lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG, batchSizeBytes,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, compression.name().toLowerCase(Locale.ROOT));
    }

    private static <V> Producer<String, V> create(KafkaClientConfig kafka, Topic<String, V> topic, String clientId,
                                                  int batchSizeBytes, long lingerMs, ProduceConfig.Compression compression) {
        return new KafkaProducer<>(kafka.toProperties(durableDefaults(clientId, batchSizeBytes, lingerMs, compression)),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }
}
