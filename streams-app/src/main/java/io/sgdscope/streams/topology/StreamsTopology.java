package io.sgdscope.streams.topology;

import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.SampleSerdes;
import io.sgdscope.common.drift.DriftStats;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.streams.drift.DriftProcessor;
import io.sgdscope.streams.join.LabelJoinProcessor;
import io.sgdscope.streams.standardize.RunningMoments;
import io.sgdscope.streams.standardize.StandardizingProcessor;
import io.sgdscope.streams.validation.LabelValidator;
import io.sgdscope.streams.validation.SampleValidator;
import io.sgdscope.streams.validation.ValidatingProcessor;
import io.sgdscope.streams.wiring.DeferredWriteStore;
import io.sgdscope.streams.wiring.JoinInput;
import io.sgdscope.streams.wiring.JoinInputSerde;
import io.sgdscope.streams.wiring.OriginStamp;
import io.sgdscope.streams.wiring.RepartitionNames;
import io.sgdscope.streams.wiring.StoreNames;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import static io.sgdscope.streams.wiring.NodeNames.*;

/**
 * The streams app, composed in one place (Kafka Streams DSL) from the processors of
 * {@code validation}, {@code join}, {@code drift} and {@code standardize}. Three kinds of task,
 * each partitioned by what its state is keyed by:
 * <pre>
 *  per stream (samples.raw, keyed by stream)          per sample id                       per stream again
 * samples.raw ─▶ validate ─┬─ labelled ───────────────────────────────────────────────────▶ drift ─▶ [standardize] ─▶ samples.clean
 *  [+ extra, repartitioned │                                                                ▲   └─ closed windows ─▶ drift.stats
 *   by stream]             ├─ unlabelled ─▶ ⟳ by id ─▶ label-join ─┬─ samples (at once, joined) ─▶ ⟳ by stream
 * labels.raw [+ extra]     ├─ labels ─────▶ ⟳ by id ─▶     │        ├─ missed ─▶ samples.unlabeled
 *  ─▶ ⟳ by stream ─▶ ──────┘  invalid ─▶ samples.dlq      │        └─ rejected ─▶ samples.dlq (original bytes + headers)
 * </pre>
 * (⟳ = a Kafka Streams repartition topic, {@link RepartitionNames}, with {@code topics.partitions}
 * partitions.) Labelled samples pay no repartition: {@code samples.raw} is keyed by stream, so its
 * partition already holds all of a stream. Labels come to that same task first (repartitioned by
 * their stream), so one schema store, validation's, checks a stream's samples and labels and fixes
 * its learned task from whichever labelled record comes first. Unlabelled samples and valid labels
 * are then repartitioned by sample id so that a sample and its label meet in one join task whatever
 * their keys; the join's outputs go back by stream, so drift, standardisation and the trainer see
 * each stream in one task.
 * Both inputs are read as bytes, so a record that does not parse becomes a DLQ record instead of a
 * deserialization failure. All state is in changelogged stores; every topic, store and repartition
 * name comes from {@link TopologyNames}, every node name from {@code NodeNames}.
 */
public final class StreamsTopology {

    private StreamsTopology() {
    }

    public static Topology build(StreamsAppConfig config, TopologyNames names, StreamsAppStats stats) {
        return build(config, names, stats, ExtraInputs.NONE);
    }

    /** @param extra more sample and label streams, merged into the paths of {@code samples.raw} and {@code labels.raw} */
    public static Topology build(StreamsAppConfig config, TopologyNames names, StreamsAppStats stats, ExtraInputs extra) {
        Topics topics = names.topics();
        StoreNames stores = names.stores();
        RepartitionNames rep = names.repartitions();
        int partitions = config.topicLayout().partitions();
        SampleValidator validator = new SampleValidator(config.maxRecordBytes(), config.maxFuture(), config.maxAge());
        Serde<Sample> binary = SampleSerdes.binary();

        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(store(stores.schemas(), Serdes.String()));
        b.addStateStore(store(stores.pendingSamples(), binary));
        b.addStateStore(store(stores.pendingLabels(), LabelJoinProcessor.pendingLabelSerde()));
        b.addStateStore(store(stores.expiry(), Serdes.String()));
        // drift changes its windows on every record: written once per commit, not serialised per record
        b.addStateStore(DeferredWriteStore.builder(store(stores.driftWindows(), DriftProcessor.aggregateSerde())));
        b.addStateStore(DeferredWriteStore.builder(store(stores.driftReferences(), DriftProcessor.aggregateSerde())));
        if (config.standardize()) {
            b.addStateStore(store(stores.moments(), RunningMoments.serde()));
        }
        ExtraInputs.MergedInputs more = extra.addTo(b, names);

        // per stream: validation of samples and of labels, with one schema store
        KStream<String, byte[]> raw = b.stream(topics.samplesRawBytes().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(SAMPLES_SOURCE));
        if (!more.samples().isEmpty()) {
            // an extra topic's partition count is its own: a repartition puts each stream where samples.raw has it
            raw = raw.merge(mergeAll(more.samples(), MERGE_EXTRA_SAMPLES)
                    .processValues(OriginStamp<byte[]>::new, Named.as(STAMP_EXTRA_SAMPLES)).repartition(
                    Repartitioned.<String, byte[]>as(rep.extraSamples()).withKeySerde(Serdes.String())
                            .withValueSerde(Serdes.ByteArray()).withNumberOfPartitions(partitions)), Named.as(MERGE_SAMPLES));
        }
        KStream<String, byte[]> labels = b.stream(topics.labelsRawBytes().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(LABELS_SOURCE));
        if (!more.labels().isEmpty()) {
            labels = labels.merge(mergeAll(more.labels(), MERGE_LABELS + "-extra"), Named.as(MERGE_LABELS));
        }
        Repartitioned<String, JoinInput> joinInputs = Repartitioned.<String, JoinInput>with(Serdes.String(),
                JoinInputSerde.serde()).withNumberOfPartitions(partitions);
        KStream<String, JoinInput> labelsByStream = labels
                .processValues(OriginStamp<byte[]>::new, Named.as(STAMP_LABELS))
                .selectKey((key, bytes) -> LabelValidator.streamKey(bytes, key), Named.as(KEY_LABELS_BY_STREAM))
                .mapValues(bytes -> (JoinInput) new JoinInput.RawLabel(bytes), Named.as(AS_RAW_LABEL))
                .repartition(joinInputs.withName(rep.labelsByStream()));
        // samples stay byte[], labels arrive as RawLabel: one processor tells them apart by type, with no node added
        // to the samples' path
        Map<String, KStream<String, Object>> validated = StreamsTopology.<Object>only(raw)
                .merge(only(labelsByStream), Named.as(VALIDATE_INPUTS))
                .process(() -> new ValidatingProcessor(validator, config::schemaFor, stats.validation(), stores),
                        Named.as(VALIDATE), stores.schemas())
                .split(Named.as(VALIDATED))
                .branch((k, v) -> v instanceof Sample, Branched.as(LABELLED))
                .branch((k, v) -> v instanceof JoinInput.UnlabelledSample, Branched.as(UNLABELLED))
                .branch((k, v) -> v instanceof JoinInput.RawLabel, Branched.as(LABELS))
                .defaultBranch(Branched.as(INVALID));
        toDlq(validated.get(VALIDATED + INVALID), topics, DLQ_SINK);

        // per sample id: the label join
        KStream<String, JoinInput> samplesById = StreamsTopology.<JoinInput>only(validated.get(VALIDATED + UNLABELLED)
                        .selectKey((stream, v) -> ((JoinInput.UnlabelledSample) v).sample().id(), Named.as(KEY_SAMPLES_BY_ID)))
                .repartition(joinInputs.withName(rep.joinSamples()));
        // validation keyed each valid label by its sample id
        KStream<String, JoinInput> labelsById = StreamsTopology.<JoinInput>only(validated.get(VALIDATED + LABELS))
                .repartition(joinInputs.withName(rep.joinLabels()));
        Map<String, KStream<String, Object>> joined = samplesById.merge(labelsById, Named.as(JOIN_INPUTS))
                .process(() -> new LabelJoinProcessor(config.joinWindow(), stores, stats.validation(), stats.join()),
                        Named.as(LABEL_JOIN), stores.pendingSamples(), stores.pendingLabels(), stores.expiry())
                .split(Named.as(JOINED))
                .branch((k, v) -> v instanceof Sample, Branched.as(SAMPLES))
                .branch((k, v) -> v instanceof LabelJoinProcessor.Missed, Branched.as(MISSED))
                .defaultBranch(Branched.as(INVALID));
        joined.get(JOINED + MISSED)
                .mapValues(v -> ((LabelJoinProcessor.Missed) v).sample(), Named.as(AS_MISSED_SAMPLE))
                .to(topics.samplesUnlabeled().name(), Produced.with(Serdes.String(), binary).withName(UNLABELED_SINK));
        toDlq(joined.get(JOINED + INVALID), topics, JOIN_DLQ_SINK);

        // per stream again: drift, standardisation, samples.clean
        KStream<String, Sample> joinedByStream = StreamsTopology.<Sample>only(joined.get(JOINED + SAMPLES))
                .repartition(Repartitioned.<String, Sample>as(rep.joinedByStream()).withKeySerde(Serdes.String())
                        .withValueSerde(binary).withNumberOfPartitions(partitions));
        Map<String, KStream<String, Object>> drifted = StreamsTopology.<Sample>only(validated.get(VALIDATED + LABELLED))
                .merge(joinedByStream, Named.as(DRIFT_INPUTS))
                .process(() -> new DriftProcessor(config.drift(), stats.drift(), stores), Named.as(DRIFT),
                        stores.driftWindows(), stores.driftReferences())
                .split(Named.as(DRIFTED))
                .branch((k, v) -> v instanceof DriftStats, Branched.as(STATS))
                .defaultBranch(Branched.as(SAMPLES));
        StreamsTopology.<DriftStats>only(drifted.get(DRIFTED + STATS))
                .to(topics.driftStats().name(), Produced.with(Serdes.String(), topics.driftStats().valueSerde()).withName(DRIFT_SINK));
        KStream<String, Sample> clean = only(drifted.get(DRIFTED + SAMPLES));
        if (config.standardize()) {
            clean = clean.process(() -> new StandardizingProcessor(stores), Named.as(STANDARDIZE), stores.moments());
        }
        clean.to(topics.samplesClean().name(), Produced.with(Serdes.String(), binary).withName(CLEAN_SINK));
        return b.build();
    }

    /**
     * A branch of a split whose predicate admits only {@code V}s (or a processor's output that is only
     * {@code V}s), typed as what it holds. Kafka Streams erases value types at run time, so this cast
     * is checked by the split's {@code instanceof} predicates, not here; unlike a {@code mapValues}
     * cast it adds no node to the topology, which every record would pass through (a record copy
     * with its headers, a child lookup and a latency measurement each).
     */
    @SuppressWarnings("unchecked")
    private static <V> KStream<String, V> only(KStream<String, ?> branch) {
        return (KStream<String, V>) branch;
    }

    /** The rejected records of a split (their original bytes, key and headers) to {@code samples.dlq}. */
    private static void toDlq(KStream<String, Object> rejected, Topics topics, String sinkName) {
        StreamsTopology.<byte[]>only(rejected)
                .to(topics.samplesDlq().name(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(sinkName));
    }

    private static KStream<String, byte[]> mergeAll(List<KStream<String, byte[]>> streams, String name) {
        KStream<String, byte[]> all = streams.get(0);
        for (int i = 1; i < streams.size(); i++) {
            all = all.merge(streams.get(i), Named.as(name + "-" + i));
        }
        return all;
    }

    /** A persistent, cached and changelogged key-value store keyed by string. */
    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
                .withCachingEnabled()
                .withLoggingEnabled(Map.of());
    }
}
