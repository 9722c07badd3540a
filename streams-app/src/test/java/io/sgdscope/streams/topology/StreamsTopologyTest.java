package io.sgdscope.streams.topology;

import static io.sgdscope.streams.support.AppDriver.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.Label;
import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.streams.support.AppDriver;
import io.sgdscope.streams.wiring.RepartitionNames;
import io.sgdscope.streams.wiring.StoreNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composed topology: validation, the label join, drift and standardisation, wired by {@link StreamsTopology}. */
class StreamsTopologyTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long WINDOW = 10_000;

    @TempDir
    Path stateDir;

    private static Sample sample(String id, long ts, Label label) {
        return new Sample(id, "fraud", ts, new float[] {1, 2}, label, null);
    }

    @Test
    void eachKindOfRecordTakesItsPathThroughTheComposedTopology() {
        try (AppDriver app = new AppDriver(Map.of("streams.feature-dimension", "2", "streams.classes", "2",
                "streams.join.window", "10s", "streams.standardize", "true"), stateDir)) {
            app.send(sample("labelled", T0, Label.ofClass(1)));
            byte[] garbage = "not a sample".getBytes(StandardCharsets.UTF_8);
            app.raw.pipeInput("k", garbage, T0);
            app.send(sample("joined", T0 + 1, null));
            app.sendLabel(new LabelRecord("joined", "fraud", Label.ofClass(0), T0 + 4_000));
            app.send(sample("missed", T0 + 2, null));
            app.send(sample("tick", T0 + WINDOW + 1_003, Label.ofClass(1))); // stream time passes "missed" + window

            List<Sample> clean = app.clean.readValuesToList();
            assertThat(clean).extracting(Sample::id).containsExactly("labelled", "joined", "joined", "missed", "tick");
            assertThat(clean.get(1).isLabelled()).as("the unlabelled sample goes on at once").isFalse();
            assertThat(clean.get(2).label()).as("the late label joined its sample").isEqualTo(Label.ofClass(0));
            assertThat(clean.get(2).joined()).isTrue();
            assertThat(clean.get(2).features()).as("joined samples are standardised too")
                    .isNotEqualTo(new float[] {1, 2});
            assertThat(clean.get(3).isLabelled()).as("the never-labelled one went on unlabelled").isFalse();

            TestRecord<String, Sample> miss = app.unlabeled.readRecord();
            assertThat(miss.value()).isEqualTo(sample("missed", T0 + 2, null));
            assertThat(app.unlabeled.isEmpty()).isTrue();

            TestRecord<String, byte[]> bad = app.dlq.readRecord();
            assertThat(reason(bad)).isEqualTo("malformed_json");
            assertThat(bad.value()).isEqualTo(garbage);
            assertThat(app.dlq.isEmpty()).isTrue();

            assertThat(app.stats.join().joined()).isEqualTo(1);
            assertThat(app.stats.join().misses()).isEqualTo(1);
        }
    }

    @Test
    void aLabelTombstoneGoesToTheDlqAsAnEmptyPayload() {
        try (AppDriver app = new AppDriver(Map.of("streams.feature-dimension", "2"), stateDir)) {
            app.labels.pipeInput("gone", (byte[]) null, T0);
            app.sendLabel(new LabelRecord("after", "fraud", Label.ofClass(0), T0 + 1));

            TestRecord<String, byte[]> bad = app.dlq.readRecord();
            assertThat(reason(bad)).isEqualTo("empty_payload");
            assertThat(bad.key()).isEqualTo("gone");
            assertThat(bad.value()).isNull();
            assertThat(app.dlq.isEmpty()).as("the app goes on with the next label").isTrue();
        }
    }

    @Test
    void theNamesRecordIsTheOnlySourceOfTopicAndStoreNames() {
        StoreNames d = StoreNames.DEFAULT;
        String p = "other-";
        StoreNames stores = new StoreNames(p + d.schemas(), p + d.pendingSamples(), p + d.pendingLabels(), p + d.expiry(),
                p + d.driftWindows(), p + d.driftReferences(), p + d.moments());
        Topics topics = new Topics("pfx.");
        StreamsAppConfig config = StreamsAppConfig.from(RawConfig.of(Map.of("streams.standardize", "true"), "test"));

        TopologyDescription described = StreamsTopology.build(config, new TopologyNames(topics, stores),
                StreamsAppStats.create(config)).describe();

        Set<String> topicsUsed = new HashSet<>();
        Set<String> storesUsed = new HashSet<>();
        for (TopologyDescription.Subtopology sub : described.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    topicsUsed.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink) {
                    topicsUsed.add(sink.topic());
                } else if (node instanceof TopologyDescription.Processor processor) {
                    storesUsed.addAll(processor.stores());
                }
            }
        }
        assertThat(described.globalStores()).isEmpty();
        RepartitionNames rep = RepartitionNames.DEFAULT;
        assertThat(topicsUsed).containsExactlyInAnyOrder(topics.samplesRawBytes().name(), topics.labelsRawBytes().name(),
                topics.samplesClean().name(), topics.samplesUnlabeled().name(), topics.samplesDlq().name(),
                topics.driftStats().name(), rep.joinSamples() + "-repartition", rep.joinLabels() + "-repartition",
                rep.joinedByStream() + "-repartition", rep.labelsByStream() + "-repartition");
        assertThat(topicsUsed).allSatisfy(t -> assertThat(t).satisfiesAnyOf(
                n -> assertThat(n).startsWith("pfx."), n -> assertThat(n).endsWith("-repartition")));
        assertThat(storesUsed).containsExactlyInAnyOrderElementsOf(stores.all());
    }

    @Test
    void theDefaultStoreNamesAreThoseExistingChangelogTopicsAreNamedAfter() {
        // a rename here makes every deployment start that store empty: change it only with a migration note
        assertThat(StoreNames.DEFAULT.all()).containsExactly("stream-schemas", "join-pending-samples", "join-pending-labels",
                "join-expiry", "drift-windows", "drift-references", "standardize-moments");
        assertThat(TopologyNames.of(Topics.defaults()).stores()).isEqualTo(StoreNames.DEFAULT);
    }

    @Test
    void theDefaultRepartitionNamesAreThoseExistingRepartitionTopicsAreNamedAfter() {
        // a rename strands what is still on the old repartition topic at an upgrade
        assertThat(RepartitionNames.DEFAULT.all()).containsExactly("join-samples-by-id", "join-labels-by-id",
                "joined-by-stream", "extra-samples-by-stream", "labels-by-stream");
        assertThatThrownBy(() -> new RepartitionNames("a", "a", "b", "c", "d")).hasMessageContaining("used twice");
    }

    @Test
    void storeNamesMustBeLegalAndDistinct() {
        StoreNames d = StoreNames.DEFAULT;
        assertThatThrownBy(() -> new StoreNames(d.schemas(), d.schemas(), d.pendingLabels(), d.expiry(), d.driftWindows(),
                d.driftReferences(), d.moments()))
                .hasMessageContaining("pendingSamples").hasMessageContaining("used twice");
        assertThatThrownBy(() -> new StoreNames(d.schemas(), d.pendingSamples(), d.pendingLabels(), "a b", d.driftWindows(),
                d.driftReferences(), d.moments()))
                .hasMessageContaining("expiry");
    }
}
