package io.sgdscope.streams.topology;

import static io.sgdscope.streams.support.AppDriver.header;
import static io.sgdscope.streams.support.AppDriver.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.JsonLabelCodec;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.DlqHeaders;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.streams.support.AppDriver;
import io.sgdscope.streams.wiring.NodeNames;
import io.sgdscope.streams.wiring.RepartitionNames;
import io.sgdscope.streams.wiring.StoreNames;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes the topology correct on several partitions: which task (sub-topology) reads which
 * topics, so that each store sees all of what it is keyed by; and that a sample and its label meet
 * in the join whatever keys their producers gave them.
 */
class PartitioningTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final Map<String, String> SETTINGS = Map.of("streams.feature-dimension", "2", "streams.classes", "2",
            "streams.join.window", "10s", "streams.standardize", "true");

    @TempDir
    Path stateDir;

    private static Sample sample(String id, String stream, long ts, Label label) {
        return new Sample(id, stream, ts, new float[] {1, 2}, label, null);
    }

    /** The source topics of the sub-topology (task) that holds {@code node}. */
    private static Set<String> sourcesOfTaskWith(TopologyDescription d, String node) {
        for (TopologyDescription.Subtopology sub : d.subtopologies()) {
            if (sub.nodes().stream().anyMatch(n -> n.name().equals(node))) {
                Set<String> sources = new HashSet<>();
                sub.nodes().stream().filter(n -> n instanceof TopologyDescription.Source)
                        .forEach(n -> sources.addAll(((TopologyDescription.Source) n).topicSet()));
                return sources;
            }
        }
        throw new AssertionError("no node " + node);
    }

    private static Set<String> storesOfTaskWith(TopologyDescription d, String node) {
        for (TopologyDescription.Subtopology sub : d.subtopologies()) {
            if (sub.nodes().stream().anyMatch(n -> n.name().equals(node))) {
                Set<String> stores = new HashSet<>();
                sub.nodes().stream().filter(n -> n instanceof TopologyDescription.Processor)
                        .forEach(n -> stores.addAll(((TopologyDescription.Processor) n).stores()));
                return stores;
            }
        }
        throw new AssertionError("no node " + node);
    }

    @Test
    void theJoinReadsOnlyTopicsKeyedBySampleIdAndThePerStreamStoresOnlyTopicsKeyedByStream() {
        Topics topics = Topics.defaults();
        StreamsAppConfig config = StreamsAppConfig.from(RawConfig.of(SETTINGS, "test"));
        TopologyDescription d = StreamsTopology.build(config, TopologyNames.of(topics), StreamsAppStats.create(config)).describe();
        RepartitionNames rep = RepartitionNames.DEFAULT;
        StoreNames stores = StoreNames.DEFAULT;

        assertThat(sourcesOfTaskWith(d, NodeNames.LABEL_JOIN))
                .containsExactlyInAnyOrder(rep.joinSamples() + "-repartition", rep.joinLabels() + "-repartition");
        assertThat(storesOfTaskWith(d, NodeNames.LABEL_JOIN)).containsExactlyInAnyOrder(
                stores.pendingSamples(), stores.pendingLabels(), stores.expiry());
        // validation, drift and standardisation share the per-stream task: samples.raw is keyed by stream, and
        // the labels come to it repartitioned by stream, so one schema store checks a stream's samples and labels
        assertThat(sourcesOfTaskWith(d, NodeNames.DRIFT)).containsExactlyInAnyOrder(topics.samplesRawBytes().name(),
                rep.labelsByStream() + "-repartition", rep.joinedByStream() + "-repartition");
        assertThat(storesOfTaskWith(d, NodeNames.DRIFT)).containsExactlyInAnyOrder(stores.schemas(), stores.driftWindows(),
                stores.driftReferences(), stores.moments());
        assertThat(sourcesOfTaskWith(d, NodeNames.STANDARDIZE)).isEqualTo(sourcesOfTaskWith(d, NodeNames.DRIFT));
        assertThat(sourcesOfTaskWith(d, NodeNames.VALIDATE)).isEqualTo(sourcesOfTaskWith(d, NodeNames.DRIFT));
        // labels are keyed by stream where they are read, before any state
        assertThat(sourcesOfTaskWith(d, NodeNames.KEY_LABELS_BY_STREAM)).containsExactly(topics.labelsRawBytes().name());
        assertThat(storesOfTaskWith(d, NodeNames.KEY_LABELS_BY_STREAM)).isEmpty();
    }

    @Test
    void aLabelAndItsSampleWithUnrelatedKeysMeetInTheJoin() {
        try (AppDriver app = new AppDriver(SETTINGS, stateDir)) {
            JsonSampleCodec json = new JsonSampleCodec();
            JsonLabelCodec labels = new JsonLabelCodec();
            app.raw.pipeInput("fraud", json.encode(sample("s-1", "fraud", T0, null)), T0);
            // the label producer keyed by something else than the sample id: the join re-keys it by its id
            app.labels.pipeInput("some-other-key", labels.encode(new LabelRecord("s-1", "fraud", Label.ofClass(1), T0 + 5)), T0 + 5);
            // and a label first, its sample second, each under a foreign key
            app.labels.pipeInput(null, labels.encode(new LabelRecord("s-2", "fraud", Label.ofClass(0), T0 + 6)), T0 + 6);
            app.raw.pipeInput("fraud", json.encode(sample("s-2", "fraud", T0 + 7, null)), T0 + 7);

            List<TestRecord<String, Sample>> clean = app.clean.readRecordsToList();
            assertThat(clean).extracting(r -> r.value().id()).containsExactly("s-1", "s-1", "s-2");
            assertThat(clean).extracting(TestRecord::key).as("samples.clean is keyed by stream").containsOnly("fraud");
            assertThat(clean.get(1).value().label()).isEqualTo(Label.ofClass(1));
            assertThat(clean.get(1).value().joined()).isTrue();
            assertThat(clean.get(2).value().label()).isEqualTo(Label.ofClass(0));
            assertThat(clean).allSatisfy(r -> assertThat(internalHeaders(r.headers().toArray())).isEmpty());
            assertThat(app.stats.join().joined()).isEqualTo(2);
            assertThat(app.dlq.isEmpty()).isTrue();
        }
    }

    @Test
    void aRejectedLabelKeepsItsOriginalKeyAndSourceAcrossTheRepartition() {
        try (AppDriver app = new AppDriver(SETTINGS, stateDir)) {
            JsonLabelCodec labels = new JsonLabelCodec();
            app.labels.pipeInput("k-0", "{not json".getBytes(), T0);
            app.labels.pipeInput("k-1", labels.encode(new LabelRecord("never", "fraud", Label.ofClass(1), T0 + 1)), T0 + 1);
            app.send(sample("tick", "fraud", T0 + 20_000, null)); // stream time passes the orphan's window

            List<TestRecord<String, byte[]>> dlq = app.dlq.readRecordsToList();
            assertThat(dlq).extracting(AppDriver::reason).containsExactly("malformed_json", "orphan_label");
            assertThat(dlq).extracting(TestRecord::key).containsExactly("k-0", "k-1");
            assertThat(dlq).extracting(r -> header(r, DlqHeaders.SOURCE_TOPIC)).containsOnly(app.topics.labelsRawBytes().name());
            assertThat(dlq).extracting(r -> header(r, DlqHeaders.SOURCE_OFFSET)).containsExactly("0", "1");
            assertThat(dlq).allSatisfy(r -> assertThat(internalHeaders(r.headers().toArray())).isEmpty());
        }
    }

    @Test
    void extraInputsJoinTheSamplePathBeforeValidationAndTheLabelPath() {
        String extraSamples = "extra.samples";
        String extraLabels = "extra.labels";
        ExtraInputs extra = (builder, names) -> new ExtraInputs.MergedInputs(
                List.of(builder.stream(extraSamples, Consumed.with(Serdes.String(), Serdes.ByteArray()))),
                List.of(builder.stream(extraLabels, Consumed.with(Serdes.String(), Serdes.ByteArray()))));
        try (AppDriver app = new AppDriver(SETTINGS, stateDir, extra)) {
            TestInputTopic<String, byte[]> samples = app.driver.createInputTopic(extraSamples, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            TestInputTopic<String, byte[]> labels = app.driver.createInputTopic(extraLabels, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            samples.pipeInput("fraud", new JsonSampleCodec().encode(sample("x-1", "fraud", T0, null)), T0);
            samples.pipeInput("fraud", new byte[] {'{'}, T0);
            labels.pipeInput("x-1", new JsonLabelCodec().encode(new LabelRecord("x-1", "fraud", Label.ofClass(1), T0 + 1)), T0 + 1);

            assertThat(app.clean.readValuesToList()).extracting(Sample::id, Sample::isLabelled)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("x-1", false), org.assertj.core.groups.Tuple.tuple("x-1", true));
            List<TestRecord<String, byte[]>> dlq = app.dlq.readRecordsToList();
            assertThat(dlq).extracting(AppDriver::reason).containsExactly("malformed_json");
            assertThat(header(dlq.get(0), DlqHeaders.SOURCE_TOPIC)).as("where it was read, not the repartition topic")
                    .isEqualTo(extraSamples);
            assertThat(dlq.get(0).key()).isEqualTo("fraud");
            assertThat(internalHeaders(dlq.get(0).headers().toArray())).isEmpty();
        }
    }

    private static List<String> internalHeaders(Header[] headers) {
        return java.util.Arrays.stream(headers).map(Header::key).filter(k -> k.startsWith("sgdscope.origin.")).toList();
    }
}
