package io.sgdscope.streams.ingest;

import io.sgdscope.common.topic.Topic;
import io.sgdscope.ingest.CompiledMapping;
import io.sgdscope.ingest.IngestRecord;
import io.sgdscope.ingest.LabelMapping;
import io.sgdscope.streams.topology.ExtraInputs;
import io.sgdscope.streams.topology.TopologyNames;
import io.sgdscope.streams.validation.ValidationStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The {@code ingest:} entries as inputs of the streams topology. Per entry: the foreign topic read as
 * bytes; when the mapping learns, first repartitioned by stream ({@link StreamKey}) so one task owns
 * each stream's learned state; mapped by an {@link IngestProcessor}. Mapped samples (binary codec,
 * keyed by stream) and mapped labels ({@code labels.raw} JSON, keyed by sample id) are handed to the
 * topology, which merges them in before validation and the label join; rejected records go to
 * {@code samples.dlq} with their original bytes and feature tables to {@code features.schema}.
 */
public final class IngestInputs implements ExtraInputs {

    private final List<CompiledMapping> mappings;
    private final ValidationStats stats;
    private final FeatureCatalog catalog;

    public IngestInputs(List<CompiledMapping> mappings, ValidationStats stats, FeatureCatalog catalog) {
        this.mappings = List.copyOf(mappings);
        this.stats = stats;
        this.catalog = catalog;
    }

    @Override
    public MergedInputs addTo(StreamsBuilder builder, TopologyNames names) {
        List<KStream<String, byte[]>> samples = new ArrayList<>();
        List<KStream<String, byte[]>> labels = new ArrayList<>();
        Topic<String, byte[]> dlq = names.topics().samplesDlq();
        Topic<String, String> schema = names.topics().featuresSchema();
        for (CompiledMapping m : mappings) {
            String base = "ingest-" + m.topic();
            KStream<String, Routed> routed;
            if (m.learnsVocabulary()) {
                String store = IngestStores.state(m.topic());
                builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
                                Serdes.String(), Serdes.String())
                        .withCachingEnabled().withLoggingEnabled(Map.of()));
                Function<IngestRecord, String> streamOf = StreamKey.of(m.spec());
                routed = read(builder, m.topic(), base)
                        .selectKey((k, r) -> streamOf.apply(r), Named.as(base + "-by-stream"))
                        .repartition(Repartitioned.with(Serdes.String(), ForeignRecordSerde.serde())
                                .withName(base + "-by-stream"))
                        .process(() -> new IngestProcessor<>(m, store, stats, catalog), Named.as(base + "-map"), store);
            } else {
                routed = read(builder, m.topic(), base)
                        .process(() -> new IngestProcessor<>(m, null, stats, catalog), Named.as(base + "-map"));
            }
            samples.add(routed.filter((k, v) -> v instanceof Routed.ToSamples, Named.as(base + "-samples"))
                    .mapValues(v -> ((Routed.ToSamples) v).sample(), Named.as(base + "-sample-bytes")));
            toDlq(routed, base, dlq);
            routed.filter((k, v) -> v instanceof Routed.ToSchema, Named.as(base + "-schemas"))
                    .mapValues(v -> ((Routed.ToSchema) v).table(), Named.as(base + "-schema-json"))
                    .to(schema.name(), Produced.with(schema.keySerde(), schema.valueSerde()).withName(base + "-schema-sink"));
            if (m.labelsFrom().isPresent()) {
                LabelMapping lm = m.labelsFrom().get();
                String lbase = "ingest-labels-" + lm.topic();
                KStream<String, Routed> labelled = read(builder, lm.topic(), lbase)
                        .process(() -> new LabelIngestProcessor(lm, stats), Named.as(lbase + "-map"));
                labels.add(labelled.filter((k, v) -> v instanceof Routed.ToLabels, Named.as(lbase + "-labels"))
                        .mapValues(v -> ((Routed.ToLabels) v).label(), Named.as(lbase + "-label-bytes")));
                toDlq(labelled, lbase, dlq);
            }
        }
        return new MergedInputs(samples, labels);
    }

    private static KStream<byte[], IngestRecord> read(StreamsBuilder builder, String topic, String base) {
        return builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(base + "-source"))
                .processValues(() -> new WrapProcessor(topic), Named.as(base + "-wrap"));
    }

    private static void toDlq(KStream<String, Routed> routed, String base, Topic<String, byte[]> dlq) {
        routed.filter((k, v) -> v instanceof Routed.ToDlq, Named.as(base + "-rejected"))
                .mapValues(v -> ((Routed.ToDlq) v).original(), Named.as(base + "-original"))
                .to(dlq.name(), Produced.with(dlq.keySerde(), dlq.valueSerde()).withName(base + "-dlq-sink"));
    }
}
