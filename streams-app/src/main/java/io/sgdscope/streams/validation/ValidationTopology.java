package io.sgdscope.streams.validation;

import io.sgdscope.common.codec.SampleSerdes;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.streams.StreamsAppStats;
import io.sgdscope.streams.drift.DriftProcessor;
import io.sgdscope.streams.join.LabelJoinProcessor;
import io.sgdscope.streams.standardize.RunningMoments;
import io.sgdscope.streams.standardize.StandardizingProcessor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The streams app, wired in one place:
 * <pre>
 * samples.raw ─▶ validate ─┬─ labelled ──────────────────────────▶ drift ─▶ [standardize] ─▶ samples.clean
 *  (JSON or binary bytes)  ├─ unlabelled ─▶ label-join ─ joined ──▶   │
 * labels.raw ──────────────┼──────────────▶     │                     └─ per closed window ─▶ drift.stats
 *                          │                    ├─ window passed ─▶ samples.unlabeled
 *                          └─ invalid ──────────┴─ bad / orphan label ─▶ samples.dlq (original bytes + headers)
 * </pre>
 * Both inputs are read as bytes, so a record that does not parse becomes a DLQ record instead of
 * a deserialization failure. All state is in changelogged stores.
 */
public final class ValidationTopology {

    static final String SOURCE = "raw-source";
    static final String LABELS_SOURCE = "labels-source";
    static final String VALIDATE = "validate";
    static final String LABEL_JOIN = "label-join";
    static final String DRIFT = "drift";
    static final String STANDARDIZE = "standardize";
    static final String CLEAN_SINK = "clean-sink";
    static final String DLQ_SINK = "dlq-sink";
    static final String UNLABELED_SINK = "unlabeled-sink";
    static final String DRIFT_SINK = "drift-sink";

    public static final String SCHEMA_STORE = "stream-schemas";
    public static final String PENDING_SAMPLES_STORE = "join-pending-samples";
    public static final String PENDING_LABELS_STORE = "join-pending-labels";
    public static final String EXPIRY_STORE = "join-expiry";
    public static final String DRIFT_WINDOW_STORE = "drift-windows";
    public static final String DRIFT_REFERENCE_STORE = "drift-references";
    public static final String MOMENTS_STORE = "standardize-moments";

    private ValidationTopology() {
    }

    public static Topology build(StreamsAppConfig config, Topics topics, StreamsAppStats stats) {
        Topic<String, byte[]> raw = topics.samplesRawBytes();
        Topic<String, byte[]> labels = topics.labelsRawBytes();
        Topic<String, byte[]> dlq = topics.samplesDlq();
        SampleValidator validator = new SampleValidator(config.maxRecordBytes(), config.maxFuture(), config.maxAge());

        Topology t = new Topology();
        t.addSource(SOURCE, raw.keySerde().deserializer(), raw.valueSerde().deserializer(), raw.name());
        t.addSource(LABELS_SOURCE, labels.keySerde().deserializer(), labels.valueSerde().deserializer(), labels.name());
        t.addProcessor(VALIDATE, () -> new ValidatingProcessor(validator, config::schemaFor, SCHEMA_STORE,
                stats.validation(), DRIFT, LABEL_JOIN, DLQ_SINK), SOURCE);
        t.addProcessor(LABEL_JOIN, () -> new LabelJoinProcessor(config.joinWindow(), validator, config::schemaFor,
                SCHEMA_STORE, PENDING_SAMPLES_STORE, PENDING_LABELS_STORE, EXPIRY_STORE, stats.validation(), stats.join(),
                DRIFT, UNLABELED_SINK, DLQ_SINK), VALIDATE, LABELS_SOURCE);
        String afterDrift = config.standardize() ? STANDARDIZE : CLEAN_SINK;
        t.addProcessor(DRIFT, () -> new DriftProcessor(config.drift(), DRIFT_WINDOW_STORE, DRIFT_REFERENCE_STORE,
                stats.drift(), afterDrift, DRIFT_SINK), VALIDATE, LABEL_JOIN);
        if (config.standardize()) {
            t.addProcessor(STANDARDIZE, () -> new StandardizingProcessor(MOMENTS_STORE), DRIFT);
            t.addStateStore(store(MOMENTS_STORE, RunningMoments.serde()), STANDARDIZE);
        }
        t.addSink(CLEAN_SINK, topics.samplesClean().name(), Serdes.String().serializer(),
                SampleSerdes.binary().serializer(), config.standardize() ? STANDARDIZE : DRIFT);
        t.addSink(UNLABELED_SINK, topics.samplesUnlabeled().name(), Serdes.String().serializer(),
                SampleSerdes.binary().serializer(), LABEL_JOIN);
        t.addSink(DLQ_SINK, dlq.name(), dlq.keySerde().serializer(), dlq.valueSerde().serializer(), VALIDATE, LABEL_JOIN);
        t.addSink(DRIFT_SINK, topics.driftStats().name(), Serdes.String().serializer(),
                topics.driftStats().valueSerde().serializer(), DRIFT);

        t.addStateStore(store(SCHEMA_STORE, Serdes.String()), VALIDATE, LABEL_JOIN);
        t.addStateStore(store(PENDING_SAMPLES_STORE, SampleSerdes.binary()), LABEL_JOIN);
        t.addStateStore(store(PENDING_LABELS_STORE, LabelJoinProcessor.pendingLabelSerde()), LABEL_JOIN);
        t.addStateStore(store(EXPIRY_STORE, Serdes.String()), LABEL_JOIN);
        t.addStateStore(store(DRIFT_WINDOW_STORE, DriftProcessor.aggregateSerde()), DRIFT);
        t.addStateStore(store(DRIFT_REFERENCE_STORE, DriftProcessor.aggregateSerde()), DRIFT);
        return t;
    }

    /** A persistent, cached and changelogged key-value store keyed by string. */
    private static <V> org.apache.kafka.streams.state.StoreBuilder<?> store(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
                .withCachingEnabled()
                .withLoggingEnabled(java.util.Map.of());
    }
}
