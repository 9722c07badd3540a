package io.sgdscope.producers.sink;

import io.sgdscope.common.Sample;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topic;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Builds the Kafka producer a {@link KafkaSampleSink} is handed. */
public final class SampleProducers {

    private SampleProducers() {
    }

    /** Durable by default: every sample acknowledged by all in-sync replicas, no duplicates on retry. */
    public static Producer<String, Sample> create(KafkaClientConfig kafka, Topic<String, Sample> topic, String clientId) {
        Map<String, Object> defaults = Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(kafka.toProperties(defaults),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }
}
