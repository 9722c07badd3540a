package io.sgdscope.streams.validation;

import static io.sgdscope.streams.support.AppDriver.header;
import static io.sgdscope.streams.support.AppDriver.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.BinarySampleCodec;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.topic.DlqHeaders;
import io.sgdscope.streams.support.AppDriver;
import io.sgdscope.streams.wiring.StoreNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path stateDir;

    private AppDriver app;

    private AppDriver app(Map<String, String> settings) {
        app = new AppDriver(settings, stateDir);
        return app;
    }

    private AppDriver dim3() {
        return app(Map.of("streams.feature-dimension", "3", "streams.classes", "2", "streams.max-record-bytes", "2000"));
    }

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Sample sample(String id, long ts, Label label, float... x) {
        return new Sample(id, "s", ts, x, label, null);
    }

    @Test
    void validJsonBecomesBinaryKeyedByStream() {
        dim3();
        Sample s = new Sample("id-1", "teacher", T0, new float[] {1f, -2f, 0.5f}, Label.ofClass(1), null, 41);
        app.raw.pipeInput("ignored-key", new JsonSampleCodec().encode(s), T0);

        TestRecord<String, Sample> out = app.clean.readRecord();
        assertThat(out.key()).isEqualTo("teacher");
        assertThat(out.value()).isEqualTo(s);
        assertThat(out.timestamp()).isEqualTo(T0);
        assertThat(app.dlq.isEmpty()).isTrue();
        assertThat(app.stats.validation().valid()).isEqualTo(1);
    }

    @Test
    void binaryInputIsAcceptedToo() {
        dim3();
        Sample s = sample("b-1", T0, Label.ofClass(0), 1, 2, 3);
        app.raw.pipeInput("k", new BinarySampleCodec().encode(s), T0);
        assertThat(app.clean.readValue()).isEqualTo(s);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "MALFORMED_JSON      | {\"id\":\"a\",                                                                          | not valid JSON",
        "MISSING_FIELD       | {\"id\":\"a\",\"stream\":\"s\",\"features\":[1,2,3]}                                   | 'ts'",
        "WRONG_TYPE          | {\"id\":\"a\",\"stream\":\"s\",\"ts\":1700000000000,\"features\":[1,\"2\",3]}          | features[1] must be a number",
        "UNSUPPORTED_VERSION | {\"v\":9,\"id\":\"a\",\"stream\":\"s\",\"ts\":1700000000000,\"features\":[1,2,3]}     | version 9",
        "NON_FINITE          | {\"id\":\"a\",\"stream\":\"s\",\"ts\":1700000000000,\"features\":[1,NaN,3]}            | features[1] is NaN",
        "WRONG_DIMENSION     | {\"id\":\"a\",\"stream\":\"s\",\"ts\":1700000000000,\"features\":[1,2]}                | expected 3 features for stream 's', got 2",
        "LABEL_OUT_OF_RANGE  | {\"id\":\"a\",\"stream\":\"s\",\"ts\":1700000000000,\"features\":[1,2,3],\"label\":{\"class\":2}}   | class 2 is outside [0, 2)",
        "WRONG_TYPE          | {\"id\":\"a\",\"stream\":\"s\",\"index\":-3,\"ts\":1700000000000,\"features\":[1,2,3]} | index must be >= 0",
        "BAD_TIMESTAMP       | {\"id\":\"a\",\"stream\":\"s\",\"ts\":-5,\"features\":[1,2,3]}                         | ts -5 is negative",
    })
    void eachBadRecordGoesToTheDlqUnchangedWithItsReason(DlqReason reason, String json, String message) {
        dim3();
        byte[] original = utf8(json.strip());
        app.raw.pipeInput("k", original, T0);

        assertThat(app.clean.isEmpty()).isTrue();
        TestRecord<String, byte[]> bad = app.dlq.readRecord();
        assertThat(bad.value()).isEqualTo(original);
        assertThat(bad.key()).isEqualTo("k");
        assertThat(header(bad, DlqHeaders.REASON)).isEqualTo(reason.code());
        assertThat(header(bad, DlqHeaders.MESSAGE)).contains(message);
        assertThat(header(bad, DlqHeaders.SOURCE_TOPIC)).isEqualTo("test.samples.raw");
        assertThat(header(bad, DlqHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(bad, DlqHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(app.stats.validation().rejected(reason)).isEqualTo(1);
        assertThat(app.stats.validation().valid()).isZero();
    }

    @Test
    void emptyPayloadHasItsOwnReason() {
        dim3();
        app.raw.pipeInput("k", new byte[0], T0);
        assertThat(reason(app.dlq.readRecord())).isEqualTo("empty_payload");
    }

    @Test
    void aBrokenBinaryRecordIsMalformedBinaryAndKeepsItsBytes() {
        dim3();
        byte[] truncated = Arrays.copyOf(new BinarySampleCodec().encode(sample("b", T0, null, 1, 2, 3)), 12);
        app.raw.pipeInput("k", truncated, T0);
        TestRecord<String, byte[]> bad = app.dlq.readRecord();
        assertThat(reason(bad)).isEqualTo("malformed_binary");
        assertThat(bad.value()).isEqualTo(truncated);
    }

    @Test
    void aRecordOverTheSizeLimitIsTooLarge() {
        dim3();
        String padding = "x".repeat(3000);
        app.raw.pipeInput("k", utf8("{\"id\":\"" + padding + "\",\"stream\":\"s\",\"ts\":1,\"features\":[1,2,3]}"), T0);
        TestRecord<String, byte[]> bad = app.dlq.readRecord();
        assertThat(reason(bad)).isEqualTo("too_large");
        assertThat(header(bad, DlqHeaders.MESSAGE)).contains("streams.max-record-bytes").contains("2000");
    }

    @Test
    void anIdTooLongForTheBinaryFormatIsTooLargeNotReplayed() {
        app(Map.of("streams.feature-dimension", "3"));
        String longId = "x".repeat(70_000);
        app.send(sample(longId, T0, Label.ofClass(0), 1, 2, 3));
        app.send(sample("ok", T0 + 1, Label.ofClass(0), 1, 2, 3));
        TestRecord<String, byte[]> bad = app.dlq.readRecord();
        assertThat(reason(bad)).isEqualTo("too_large");
        assertThat(header(bad, DlqHeaders.MESSAGE)).contains("id is 70000 UTF-8 bytes");
        assertThat(app.clean.readValue().id()).isEqualTo("ok");
    }

    @Test
    void eventTimesFarFromTheRecordTimestampAreBadTimestamps() {
        app(Map.of("streams.feature-dimension", "3", "streams.timestamp.max-future", "1m", "streams.timestamp.max-age", "1h"));
        JsonSampleCodec json = new JsonSampleCodec();
        app.raw.pipeInput("k", json.encode(sample("future", T0 + 61_000, null, 1, 2, 3)), T0);
        app.raw.pipeInput("k", json.encode(sample("old", T0 - 3_600_001, null, 1, 2, 3)), T0);
        app.raw.pipeInput("k", json.encode(sample("fine", T0 + 59_000, Label.ofClass(1), 1, 2, 3)), T0);
        List<TestRecord<String, byte[]>> bad = app.dlq.readRecordsToList();
        assertThat(bad).extracting(AppDriver::reason).containsExactly("bad_timestamp", "bad_timestamp");
        assertThat(header(bad.get(0), DlqHeaders.MESSAGE)).contains("61000 ms after", "streams.timestamp.max-future");
        assertThat(header(bad.get(1), DlqHeaders.MESSAGE)).contains("3600001 ms before", "streams.timestamp.max-age");
        assertThat(app.clean.readValue().id()).isEqualTo("fine");
    }

    @Test
    void aClassLabelOnARegressionStreamIsOutOfRange() {
        app(Map.of("streams.feature-dimension", "3", "streams.streams.prices.classes", "regression"));
        app.send(new Sample("p", "prices", T0, new float[] {1, 2, 3}, Label.ofClass(1), null));
        app.send(new Sample("q", "prices", T0, new float[] {1, 2, 3}, Label.ofTarget(2.5), null));
        assertThat(header(app.dlq.readRecord(), DlqHeaders.MESSAGE)).contains("regression task");
        assertThat(app.clean.readValue().id()).isEqualTo("q");
    }

    @Test
    void aLearnedSchemaIsFixedByTheFirstValidRecordAndKeptInItsStore() {
        app(Map.of("streams.feature-dimension", "0"));
        app.send(sample("bad", T0, Label.ofClass(0), 1, Float.NaN)); // invalid: must not teach the schema
        app.send(sample("first", T0, Label.ofClass(3), 1, 2, 3, 4));
        app.send(sample("short", T0, Label.ofClass(0), 1, 2));
        app.send(sample("regression", T0, Label.ofTarget(0.5), 1, 2, 3, 4));
        app.send(sample("second", T0, Label.ofClass(7), 4, 3, 2, 1));

        assertThat(app.dlq.readRecordsToList()).extracting(AppDriver::reason)
                .containsExactly("non_finite", "wrong_dimension", "label_out_of_range");
        assertThat(app.clean.readValuesToList()).extracting(Sample::id).containsExactly("first", "second");
        KeyValueStore<String, String> store = app.driver.getKeyValueStore(StoreNames.DEFAULT.schemas());
        assertThat(store.get("s")).startsWith("4;CLASSIFICATION;");
    }

    @Test
    void aMixedStreamIsSplitWithoutLossAndInOrder() {
        dim3();
        JsonSampleCodec json = new JsonSampleCodec();
        for (int i = 0; i < 30; i++) {
            if (i % 3 == 0) {
                app.raw.pipeInput("k", utf8("garbage " + i), T0 + i);
            } else {
                app.raw.pipeInput("k", json.encode(sample("id-" + i, T0 + i, Label.ofClass(i % 2), i, i, i)), T0 + i);
            }
        }
        List<String> cleanIds = app.clean.readValuesToList().stream().map(Sample::id).toList();
        List<TestRecord<String, byte[]>> bad = app.dlq.readRecordsToList();
        assertThat(cleanIds).hasSize(20).doesNotHaveDuplicates().startsWith("id-1", "id-2", "id-4");
        assertThat(bad).hasSize(10);
        assertThat(bad).extracting(r -> header(r, DlqHeaders.SOURCE_OFFSET)).containsExactly("0", "3", "6", "9", "12", "15", "18", "21", "24", "27");
        assertThat(app.stats.validation().valid()).isEqualTo(20);
        assertThat(app.stats.validation().rejected(DlqReason.MALFORMED_JSON)).isEqualTo(10);
    }
}
