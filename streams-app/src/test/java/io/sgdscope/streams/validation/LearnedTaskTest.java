package io.sgdscope.streams.validation;

import static io.sgdscope.streams.support.AppDriver.header;
import static io.sgdscope.streams.support.AppDriver.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.JsonLabelCodec;
import io.sgdscope.common.topic.DlqHeaders;
import io.sgdscope.streams.support.AppDriver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream's learned task (streams.classes: learn) has one authority, validation's schema store, which sees
 * the stream's labelled samples and its late labels in one task. A late label and a labelled sample can no
 * longer teach two different tasks, so samples.clean never holds both a class and a real target for one
 * stream (a fuzz run found that it did, when the label join learned on its own).
 */
class LearnedTaskTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path stateDir;

    private AppDriver app;

    @BeforeEach
    void setUp() {
        app = new AppDriver(Map.of("streams.feature-dimension", "2", "streams.classes", "learn",
                "streams.join.window", "10s"), stateDir);
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private static Sample sample(String id, String stream, long ts, Label label) {
        return new Sample(id, stream, ts, new float[] {1, 2}, label, null);
    }

    private List<Label> cleanLabels() {
        return app.clean.readValuesToList().stream().filter(Sample::isLabelled).map(Sample::label).toList();
    }

    @Test
    void aLateRealTargetThatComesFirstFixesRegressionAndALaterClassSampleIsRejected() {
        app.send(sample("u-1", "s", T0, null));
        app.sendLabel(new LabelRecord("u-1", "s", Label.ofTarget(0.5), T0 + 1_000));
        app.send(sample("c-1", "s", T0 + 2_000, Label.ofClass(1)));

        assertThat(cleanLabels()).containsExactly(Label.ofTarget(0.5));
        List<TestRecord<String, byte[]>> dlq = app.dlq.readRecordsToList();
        assertThat(dlq).extracting(AppDriver::reason).containsExactly("label_out_of_range");
        assertThat(header(dlq.get(0), DlqHeaders.MESSAGE)).contains("regression");
        assertThat(header(dlq.get(0), DlqHeaders.SOURCE_TOPIC)).isEqualTo(app.topics.samplesRawBytes().name());
    }

    @Test
    void aClassSampleThatComesFirstFixesClassificationAndALateRealTargetIsRejectedWithItsOrigin() {
        app.send(sample("c-1", "s", T0, Label.ofClass(1)));
        app.send(sample("u-1", "s", T0 + 1_000, null));
        app.labels.pipeInput("label-key", new JsonLabelCodec().encode(new LabelRecord("u-1", "s", Label.ofTarget(0.5), T0 + 2_000)),
                T0 + 2_000);

        assertThat(cleanLabels()).containsExactly(Label.ofClass(1));
        List<TestRecord<String, byte[]>> dlq = app.dlq.readRecordsToList();
        assertThat(dlq).extracting(AppDriver::reason).containsExactly("label_out_of_range");
        assertThat(header(dlq.get(0), DlqHeaders.MESSAGE)).contains("classification");
        assertThat(dlq.get(0).key()).as("the label's own key, not the stream it was repartitioned by").isEqualTo("label-key");
        assertThat(header(dlq.get(0), DlqHeaders.SOURCE_TOPIC)).isEqualTo(app.topics.labelsRawBytes().name());
        assertThat(app.stats.validation().rejected(DlqReason.LABEL_OUT_OF_RANGE)).isEqualTo(1);
        assertThat(app.stats.join().joined()).isZero();
    }

    @Test
    void eachStreamLearnsItsOwnTask() {
        app.send(sample("a-1", "a", T0, null));
        app.send(sample("b-1", "b", T0, null));
        app.sendLabel(new LabelRecord("a-1", "a", Label.ofTarget(2.5), T0 + 1));
        app.sendLabel(new LabelRecord("b-1", "b", Label.ofClass(4), T0 + 1));
        app.send(sample("b-2", "b", T0 + 2, Label.ofClass(0)));

        assertThat(cleanLabels()).containsExactly(Label.ofTarget(2.5), Label.ofClass(4), Label.ofClass(0));
        assertThat(app.dlq.isEmpty()).isTrue();
    }

    @Test
    void aLabelForAnotherStreamThanItsSampleIsRejectedWhicheverArrivesFirst() {
        // the sample waits, then a label of another stream names its id
        app.send(sample("x-1", "a", T0, null));
        app.sendLabel(new LabelRecord("x-1", "b", Label.ofTarget(1.5), T0 + 1));
        // a label waits, then a sample of another stream comes with its id
        app.sendLabel(new LabelRecord("x-2", "b", Label.ofTarget(1.5), T0 + 2));
        app.send(sample("x-2", "a", T0 + 3, null));

        List<TestRecord<String, byte[]>> dlq = app.dlq.readRecordsToList();
        assertThat(dlq).extracting(AppDriver::reason).containsExactly("stream_mismatch", "stream_mismatch");
        assertThat(dlq).extracting(r -> header(r, DlqHeaders.SOURCE_TOPIC)).containsOnly(app.topics.labelsRawBytes().name());
        assertThat(header(dlq.get(0), DlqHeaders.MESSAGE)).contains("stream 'b'").contains("stream 'a'");
        List<Sample> clean = app.clean.readValuesToList();
        assertThat(clean).extracting(Sample::id).containsExactly("x-1", "x-2");
        assertThat(clean).noneMatch(Sample::isLabelled);
        assertThat(app.stats.validation().rejected(DlqReason.STREAM_MISMATCH)).isEqualTo(2);
    }
}
