package io.sgdscope.streams.join;

import static io.sgdscope.streams.support.AppDriver.header;
import static io.sgdscope.streams.support.AppDriver.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.JsonLabelCodec;
import io.sgdscope.common.topic.DlqHeaders;
import io.sgdscope.streams.support.AppDriver;
import io.sgdscope.streams.validation.DlqReason;
import io.sgdscope.streams.wiring.StoreNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delayed-label join: window of 10 s in event time. */
class LabelJoinTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long WINDOW = 10_000;

    @TempDir
    Path stateDir;

    private AppDriver app;
    private final List<Long> delays = new ArrayList<>();

    @BeforeEach
    void setUp() {
        app = new AppDriver(Map.of("streams.feature-dimension", "2", "streams.classes", "3", "streams.join.window", "10s"), stateDir);
        app.stats.join().onLabelDelay(delays::add);
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private static Sample unlabelled(String id, long ts) {
        return new Sample(id, "fraud", ts, new float[] {1, 2}, null, null);
    }

    private static LabelRecord label(String id, int cls, long ts) {
        return new LabelRecord(id, "fraud", Label.ofClass(cls), ts);
    }

    private <V> List<String> keys(String store) {
        KeyValueStore<String, V> s = app.driver.getKeyValueStore(store);
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> it = s.all()) {
            it.forEachRemaining((KeyValue<String, V> kv) -> keys.add(kv.key));
        }
        return keys;
    }

    @Test
    void anUnlabelledSampleGoesOnAtOnceAndItsLabelLaterAsTheJoinedCopy() {
        app.send(unlabelled("a", T0));
        TestRecord<String, Sample> first = app.clean.readRecord();
        assertThat(first.key()).isEqualTo("fraud");
        assertThat(first.value()).isEqualTo(unlabelled("a", T0));
        assertThat(first.value().joined()).isFalse();
        assertThat(app.clean.isEmpty()).isTrue();
        assertThat(keys(StoreNames.DEFAULT.pendingSamples())).containsExactly("a");
        assertThat(keys(StoreNames.DEFAULT.expiry())).containsExactly(LabelJoinProcessor.expiryKey("S", T0, "a"));

        app.sendLabel(label("a", 2, T0 + 7_000));

        TestRecord<String, Sample> joined = app.clean.readRecord();
        assertThat(joined.key()).isEqualTo("fraud");
        assertThat(joined.value()).isEqualTo(unlabelled("a", T0).joinedWith(Label.ofClass(2)));
        assertThat(joined.value().joined()).isTrue();
        assertThat(joined.timestamp()).as("the joined copy is stamped when its label came").isEqualTo(T0 + 7_000);
        assertThat(app.clean.isEmpty()).isTrue();
        assertThat(delays).containsExactly(7_000L);
        assertThat(app.stats.join().joined()).isEqualTo(1);
        assertThat(keys(StoreNames.DEFAULT.pendingSamples())).isEmpty();
        assertThat(keys(StoreNames.DEFAULT.expiry())).isEmpty();
        assertThat(app.unlabeled.isEmpty()).isTrue();
    }

    @Test
    void theJoinedSampleKeepsItsPositionInTheStream() {
        Sample waiting = new Sample("w-9", "fraud", T0, new float[] {1, 2}, null, null, 123);
        app.send(waiting);
        app.sendLabel(label("w-9", 1, T0 + 1_000));
        assertThat(app.clean.readValuesToList()).extracting(Sample::index).containsExactly(123L, 123L);
    }

    @Test
    void aLabelThatArrivesBeforeItsSampleWaitsForItAndTheSampleGoesOnOnceNotJoined() {
        app.sendLabel(label("b", 1, T0));
        assertThat(keys(StoreNames.DEFAULT.pendingLabels())).containsExactly("b");
        assertThat(app.clean.isEmpty()).isTrue();
        app.send(unlabelled("b", T0 + 500));
        assertThat(app.clean.readValuesToList()).containsExactly(unlabelled("b", T0 + 500).withLabel(Label.ofClass(1)));
        assertThat(app.stats.join().joined()).isEqualTo(1);
        assertThat(keys(StoreNames.DEFAULT.pendingLabels())).isEmpty();
        assertThat(keys(StoreNames.DEFAULT.expiry())).isEmpty();
    }

    @Test
    void aLabelLaterInEventTimeThatArrivesFirstStillMakesTheSampleGoOnUnlabelledThenJoined() {
        // with several partitions the sample's longer path (validation, its repartition) often lets its label win
        app.sendLabel(label("f", 2, T0 + 3_000));
        assertThat(app.clean.isEmpty()).isTrue();
        app.send(unlabelled("f", T0));

        List<TestRecord<String, Sample>> out = app.clean.readRecordsToList();
        assertThat(out).extracting(TestRecord::value)
                .containsExactly(unlabelled("f", T0), unlabelled("f", T0).joinedWith(Label.ofClass(2)));
        assertThat(out.get(1).timestamp()).as("stamped when its label became known").isEqualTo(T0 + 3_000);
        assertThat(delays).containsExactly(3_000L);
        assertThat(app.stats.join().joined()).isEqualTo(1);
        assertThat(keys(StoreNames.DEFAULT.pendingLabels())).isEmpty();
        assertThat(keys(StoreNames.DEFAULT.pendingSamples())).as("nothing waits: the pair is complete").isEmpty();
        assertThat(keys(StoreNames.DEFAULT.expiry())).isEmpty();
    }

    @Test
    void manySamplesExpireInEventTimeOrderAndOnlyThoseDue() {
        for (int i = 0; i < 50; i++) {
            app.send(unlabelled("m" + i, T0 + i * 100L));
        }
        app.send(unlabelled("late-tick", T0 + 2_500 + WINDOW)); // due: ts < T0 + 2500
        assertThat(app.unlabeled.readValuesToList()).extracting(Sample::id)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25).mapToObj(i -> "m" + i).toList());
        assertThat(keys(StoreNames.DEFAULT.pendingSamples())).hasSize(26);
    }

    @Test
    void aSampleWhoseLabelIsLateGoesToUnlabeledAndTheLateLabelToTheDlq() {
        app.send(unlabelled("late", T0));
        app.send(unlabelled("other", T0 + WINDOW + 1_500)); // stream time passes T0 + window: "late" expires
        TestRecord<String, Sample> miss = app.unlabeled.readRecord();
        assertThat(miss.value()).isEqualTo(unlabelled("late", T0));
        assertThat(miss.key()).isEqualTo("fraud");
        assertThat(app.stats.join().misses()).isEqualTo(1);

        byte[] lateLabel = new JsonLabelCodec().encode(label("late", 0, T0 + WINDOW + 2_000));
        app.labels.pipeInput("late", lateLabel, T0 + WINDOW + 2_000);
        app.send(unlabelled("tick", T0 + 3 * WINDOW)); // the label has no sample: it becomes an orphan

        assertThat(app.clean.readValuesToList()).as("every sample went on unlabelled, none joined")
                .extracting(Sample::id, Sample::isLabelled)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("late", false),
                        org.assertj.core.groups.Tuple.tuple("other", false),
                        org.assertj.core.groups.Tuple.tuple("tick", false));
        TestRecord<String, byte[]> orphan = app.dlq.readRecord();
        assertThat(reason(orphan)).isEqualTo("orphan_label");
        assertThat(orphan.value()).isEqualTo(lateLabel);
        assertThat(orphan.key()).isEqualTo("late");
        assertThat(header(orphan, DlqHeaders.SOURCE_TOPIC)).isEqualTo("test.labels.raw");
        assertThat(header(orphan, DlqHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(app.stats.validation().rejected(DlqReason.ORPHAN_LABEL)).isEqualTo(1);
        assertThat(delays).isEmpty();
        assertThat(keys(StoreNames.DEFAULT.pendingLabels())).isEmpty();
        assertThat(keys(StoreNames.DEFAULT.expiry())).as("only the unlabelled tick still waits")
                .containsExactly(LabelJoinProcessor.expiryKey("S", T0 + 3 * WINDOW, "tick"));
    }

    @Test
    void aLabelMoreThanTheWindowAfterItsSampleDoesNotJoinEvenBeforeExpiry() {
        app.send(unlabelled("c", T0));
        app.sendLabel(label("c", 1, T0 + WINDOW + 1));
        assertThat(app.clean.readValuesToList()).containsExactly(unlabelled("c", T0));
        assertThat(app.unlabeled.readValue().id()).isEqualTo("c");
    }

    @Test
    void badLabelsGoToTheDlqWithTheirReason() {
        app.labels.pipeInput("x", "{\"id\":\"x\"".getBytes(StandardCharsets.UTF_8), T0);
        app.sendLabel(label("y", 3, T0)); // 3 classes: 0..2
        app.sendLabel(new LabelRecord("z", "fraud", Label.ofTarget(Double.NaN), T0));
        app.sendLabel(label("dup", 1, T0));
        app.sendLabel(label("dup", 0, T0));
        assertThat(app.dlq.readRecordsToList()).extracting(AppDriver::reason)
                .containsExactly("malformed_json", "label_out_of_range", "non_finite", "duplicate_label");
    }

    @Test
    void aSecondUnlabelledSampleWithAWaitingIdIsADuplicate() {
        app.send(unlabelled("d", T0));
        app.send(unlabelled("d", T0 + 1));
        TestRecord<String, byte[]> dup = app.dlq.readRecord();
        assertThat(reason(dup)).isEqualTo("duplicate_id");
        assertThat(header(dup, DlqHeaders.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(app.clean.readValuesToList()).as("the duplicate does not go on").containsExactly(unlabelled("d", T0));
    }

    @Test
    void aSecondLabelForAJoinedSampleIsAnOrphanNotASecondJoinedCopy() {
        app.send(unlabelled("e", T0));
        app.sendLabel(label("e", 1, T0 + 1_000));
        app.sendLabel(label("e", 2, T0 + 2_000));
        app.send(unlabelled("tick", T0 + 3 * WINDOW));
        assertThat(app.clean.readValuesToList()).filteredOn(Sample::joined).extracting(Sample::id).containsExactly("e");
        assertThat(app.dlq.readRecordsToList()).extracting(AppDriver::reason).containsExactly("orphan_label");
    }

    @Test
    void aNeverLabelledSampleWentToCleanUnlabelledAndGoesToUnlabeledAfterTheWindow() {
        app.send(unlabelled("n", T0));
        assertThat(app.clean.readValuesToList()).containsExactly(unlabelled("n", T0));
        app.send(unlabelled("tick", T0 + WINDOW));
        assertThat(app.unlabeled.isEmpty()).as("still within the window").isTrue();
        app.send(unlabelled("tock", T0 + WINDOW + 1_000));
        assertThat(app.unlabeled.readValuesToList()).containsExactly(unlabelled("n", T0));
        assertThat(app.clean.readValuesToList()).extracting(Sample::id).containsExactly("tick", "tock");
        assertThat(app.clean.isEmpty()).isTrue();
    }

    @Test
    void aLabelOutOfRangeForAWaitingSampleGoesToTheDlqAndTheSampleKeepsWaiting() {
        app.send(unlabelled("r", T0));
        app.sendLabel(label("r", 7, T0 + 1_000)); // 3 classes: 0..2
        assertThat(app.dlq.readRecordsToList()).extracting(AppDriver::reason).containsExactly("label_out_of_range");
        assertThat(keys(StoreNames.DEFAULT.pendingSamples())).containsExactly("r");
        app.sendLabel(label("r", 1, T0 + 2_000));
        assertThat(app.clean.readValuesToList()).containsExactly(unlabelled("r", T0),
                unlabelled("r", T0).joinedWith(Label.ofClass(1)));
    }

    @Test
    void aJoinedMarkOnSamplesRawIsDropped() {
        Sample claimed = new Sample("j", "fraud", T0, new float[] {1, 2}, Label.ofClass(1), null, Sample.NO_INDEX, true);
        app.send(claimed);
        Sample out = app.clean.readValue();
        assertThat(out.joined()).isFalse();
        assertThat(out).isEqualTo(claimed.withLabel(Label.ofClass(1)));
    }
}
