package io.sgdscope.streams.ingest;

import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.ingest.CompiledMapping;
import io.sgdscope.ingest.FeatureTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes the compiled feature tables when the streams app starts: to the {@link FeatureCatalog}
 * (the HTTP API) and to the compacted {@code features.schema} topic. A mapping that learns
 * vocabularies publishes from its processor instead, each time a vocabulary grows, with the learned
 * values named; publishing its placeholder table at start-up would overwrite that on every restart.
 */
public final class FeatureTables {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private FeatureTables() {
    }

    /** Where a table is published: its stream, or {@code topic:<name>} when the stream comes from the record. */
    public static String key(FeatureTable table) {
        return table.stream() != null ? table.stream() : "topic:" + table.topic();
    }

    /** Puts every compiled table in the catalog, and sends those of mappings that learn nothing to {@code topic}. */
    public static void publish(KafkaClientConfig kafka, Topic<String, String> topic, List<CompiledMapping> mappings,
                               FeatureCatalog catalog) {
        mappings.forEach(m -> catalog.put(key(m.featureTable()), m.featureTable().toJson()));
        List<FeatureTable> fixed = mappings.stream().filter(m -> !m.learnsVocabulary())
                .map(CompiledMapping::featureTable).toList();
        if (fixed.isEmpty()) {
            return;
        }
        try (var producer = new KafkaProducer<>(kafka.toProperties(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (FeatureTable t : fixed) {
                producer.send(new ProducerRecord<>(topic.name(), key(t), t.toJson())).get(TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing feature tables", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish the feature tables to " + topic.name() + ": " + e, e);
        }
    }
}
