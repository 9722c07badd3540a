package io.sgdscope.streams.topology;

import io.sgdscope.common.codec.SampleSerdes;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.streams.drift.DriftProcessor;
import io.sgdscope.streams.join.LabelJoinProcessor;
import io.sgdscope.streams.standardize.RunningMoments;
import io.sgdscope.streams.standardize.StandardizingProcessor;
import io.sgdscope.streams.validation.SampleValidator;
import io.sgdscope.streams.validation.ValidatingProcessor;
import io.sgdscope.streams.wiring.JoinInput;
import io.sgdscope.streams.wiring.StoreNames;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import static io.sgdscope.streams.wiring.NodeNames.CLEAN_SINK;
import static io.sgdscope.streams.wiring.NodeNames.DLQ_SINK;
import static io.sgdscope.streams.wiring.NodeNames.DRIFT;
import static io.sgdscope.streams.wiring.NodeNames.DRIFT_SINK;
import static io.sgdscope.streams.wiring.NodeNames.LABELS_SOURCE;
import static io.sgdscope.streams.wiring.NodeNames.LABEL_JOIN;
import static io.sgdscope.streams.wiring.NodeNames.SAMPLES_SOURCE;
import static io.sgdscope.streams.wiring.NodeNames.STANDARDIZE;
import static io.sgdscope.streams.wiring.NodeNames.UNLABELED_SINK;
import static io.sgdscope.streams.wiring.NodeNames.VALIDATE;

/**
 * The streams app, composed in one place from the processors of {@code validation}, {@code join},
 * {@code drift} and {@code standardize}:
 * <pre>
 * samples.raw ─▶ validate ─┬─ labelled ──────────────────────────────────────────▶ drift ─▶ [standardize] ─▶ samples.clean
 *  (JSON or binary bytes)  ├─ unlabelled ─▶ label-join ─┬─ at once, unlabelled ──▶ │
 * labels.raw ──────────────┼──────────────▶     │       └─ label came: joined ──▶  │
 *                          │                    │                                  └─ per closed window ─▶ drift.stats
 *                          │                    ├─ window passed ─▶ samples.unlabeled
 *                          └─ invalid ──────────┴─ bad / orphan label ─▶ samples.dlq (original bytes + headers)
 * </pre>
 * Both inputs are read as bytes, so a record that does not parse becomes a DLQ record instead of
 * a deserialization failure. All state is in changelogged stores. Every topic and store name comes
 * from {@link TopologyNames}.
 */
public final class StreamsTopology {

    private StreamsTopology() {
    }

    public static Topology build(StreamsAppConfig config, TopologyNames names, StreamsAppStats stats) {
        Topics topics = names.topics();
        StoreNames stores = names.stores();
        Topic<String, byte[]> raw = topics.samplesRawBytes();
        Topic<String, byte[]> labels = topics.labelsRawBytes();
        Topic<String, byte[]> dlq = topics.samplesDlq();
        SampleValidator validator = new SampleValidator(config.maxRecordBytes(), config.maxFuture(), config.maxAge());

        Topology t = new Topology();
        t.addSource(SAMPLES_SOURCE, raw.keySerde().deserializer(), raw.valueSerde().deserializer(), raw.name());
        t.addSource(LABELS_SOURCE, labels.keySerde().deserializer(), rawLabels(labels.valueSerde().deserializer()),
                labels.name());
        t.addProcessor(VALIDATE, () -> new ValidatingProcessor(validator, config::schemaFor, stats.validation(), stores),
                SAMPLES_SOURCE);
        t.addProcessor(LABEL_JOIN, () -> new LabelJoinProcessor(config.joinWindow(), validator, config::schemaFor, stores,
                stats.validation(), stats.join()), VALIDATE, LABELS_SOURCE);
        String afterDrift = config.standardize() ? STANDARDIZE : CLEAN_SINK;
        t.addProcessor(DRIFT, () -> new DriftProcessor(config.drift(), stats.drift(), stores, afterDrift), VALIDATE, LABEL_JOIN);
        if (config.standardize()) {
            t.addProcessor(STANDARDIZE, () -> new StandardizingProcessor(stores), DRIFT);
            t.addStateStore(store(stores.moments(), RunningMoments.serde()), STANDARDIZE);
        }
        t.addSink(CLEAN_SINK, topics.samplesClean().name(), Serdes.String().serializer(),
                SampleSerdes.binary().serializer(), config.standardize() ? STANDARDIZE : DRIFT);
        t.addSink(UNLABELED_SINK, topics.samplesUnlabeled().name(), Serdes.String().serializer(),
                SampleSerdes.binary().serializer(), LABEL_JOIN);
        t.addSink(DLQ_SINK, dlq.name(), dlq.keySerde().serializer(), dlq.valueSerde().serializer(), VALIDATE, LABEL_JOIN);
        t.addSink(DRIFT_SINK, topics.driftStats().name(), Serdes.String().serializer(),
                topics.driftStats().valueSerde().serializer(), DRIFT);

        t.addStateStore(store(stores.schemas(), Serdes.String()), VALIDATE, LABEL_JOIN);
        t.addStateStore(store(stores.pendingSamples(), SampleSerdes.binary()), LABEL_JOIN);
        t.addStateStore(store(stores.pendingLabels(), LabelJoinProcessor.pendingLabelSerde()), LABEL_JOIN);
        t.addStateStore(store(stores.expiry(), Serdes.String()), LABEL_JOIN);
        t.addStateStore(store(stores.driftWindows(), DriftProcessor.aggregateSerde()), DRIFT);
        t.addStateStore(store(stores.driftReferences(), DriftProcessor.aggregateSerde()), DRIFT);
        return t;
    }

    /**
     * Reads {@code labels.raw} as the join's input type; the bytes stay as they are (null and empty
     * included), so that the join, not the consumer, decides what is wrong with them.
     */
    private static Deserializer<JoinInput> rawLabels(Deserializer<byte[]> bytes) {
        return (topic, data) -> new JoinInput.RawLabel(bytes.deserialize(topic, data));
    }

    /** A persistent, cached and changelogged key-value store keyed by string. */
    private static <V> StoreBuilder<?> store(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
                .withCachingEnabled()
                .withLoggingEnabled(Map.of());
    }
}
