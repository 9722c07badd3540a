package io.sgdscope.streams.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.topic.DlqHeaders;
import io.sgdscope.common.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationTopologyTest {

    private static final int DIM = 3;

    private final Topics topics = new Topics("test.");
    private final ValidationStats stats = new ValidationStats();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, Sample> clean;
    private TestOutputTopic<String, byte[]> dlq;

    @BeforeEach
    void setUp() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "validation-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(ValidationTopology.build(DIM, topics, stats), props);
        raw = driver.createInputTopic(topics.samplesRawBytes().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        clean = driver.createOutputTopic(topics.samplesClean().name(), Serdes.String().deserializer(),
                topics.samplesClean().valueSerde().deserializer());
        dlq = driver.createOutputTopic(topics.samplesDlq().name(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(TestRecord<String, byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void validJsonBecomesBinaryKeyedByStream() {
        Sample s = new Sample("id-1", "teacher", 1000L, new float[] {1f, -2f, 0.5f}, Label.ofClass(1), null);
        raw.pipeInput("ignored-key", new JsonSampleCodec().encode(s), 1000L);

        TestRecord<String, Sample> out = clean.readRecord();
        assertThat(out.key()).isEqualTo("teacher");
        assertThat(out.value()).isEqualTo(s);
        assertThat(out.timestamp()).isEqualTo(1000L);
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(stats.valid()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "MALFORMED_JSON      | {\"id\":\"a\",                                                                  | not valid JSON",
        "MISSING_FIELD       | {\"id\":\"a\",\"stream\":\"s\",\"features\":[1,2,3]}                           | 'ts'",
        "WRONG_TYPE          | {\"id\":\"a\",\"stream\":\"s\",\"ts\":1,\"features\":[1,\"2\",3]}              | features[1] must be a number",
        "UNSUPPORTED_VERSION | {\"v\":9,\"id\":\"a\",\"stream\":\"s\",\"ts\":1,\"features\":[1,2,3]}         | version 9",
        "NON_FINITE          | {\"id\":\"a\",\"stream\":\"s\",\"ts\":1,\"features\":[1,NaN,3]}                | features[1] is NaN",
        "WRONG_DIMENSION     | {\"id\":\"a\",\"stream\":\"s\",\"ts\":1,\"features\":[1,2]}                    | expected 3 features, got 2",
    })
    void eachBadRecordGoesToTheDlqUnchangedWithItsReason(DlqReason reason, String json, String message) {
        byte[] original = utf8(json.strip());
        raw.pipeInput("k", original, 5L);

        assertThat(clean.isEmpty()).isTrue();
        TestRecord<String, byte[]> bad = dlq.readRecord();
        assertThat(bad.value()).isEqualTo(original);
        assertThat(bad.key()).isEqualTo("k");
        assertThat(header(bad, DlqHeaders.REASON)).isEqualTo(reason.code());
        assertThat(header(bad, DlqHeaders.MESSAGE)).contains(message);
        assertThat(header(bad, DlqHeaders.SOURCE_TOPIC)).isEqualTo("test.samples.raw");
        assertThat(header(bad, DlqHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(bad, DlqHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(stats.rejected(reason)).isEqualTo(1);
        assertThat(stats.valid()).isZero();
    }

    @Test
    void anIdTooLongForTheBinaryFormatIsRejectedNotReplayed() {
        String longId = "x".repeat(70_000);
        raw.pipeInput("k", new JsonSampleCodec().encode(new Sample(longId, "s", 1, new float[] {1, 2, 3}, Label.ofClass(0), null)));
        raw.pipeInput("k", new JsonSampleCodec().encode(new Sample("ok", "s", 2, new float[] {1, 2, 3}, Label.ofClass(0), null)));
        TestRecord<String, byte[]> bad = dlq.readRecord();
        assertThat(header(bad, DlqHeaders.REASON)).isEqualTo("too_large");
        assertThat(header(bad, DlqHeaders.MESSAGE)).contains("id is 70000 UTF-8 bytes");
        assertThat(clean.readValue().id()).isEqualTo("ok");
    }

    @Test
    void emptyPayloadHasItsOwnReason() {
        raw.pipeInput("k", new byte[0]);
        assertThat(header(dlq.readRecord(), DlqHeaders.REASON)).isEqualTo("empty_payload");
    }

    @Test
    void aMixedStreamIsSplitWithoutLossAndInOrder() {
        JsonSampleCodec json = new JsonSampleCodec();
        for (int i = 0; i < 30; i++) {
            if (i % 3 == 0) {
                raw.pipeInput("k", utf8("garbage " + i));
            } else {
                raw.pipeInput("k", json.encode(new Sample("id-" + i, "s", i, new float[] {i, i, i}, Label.ofClass(i % 2), null)));
            }
        }
        List<String> cleanIds = clean.readValuesToList().stream().map(Sample::id).toList();
        List<TestRecord<String, byte[]>> bad = dlq.readRecordsToList();
        assertThat(cleanIds).hasSize(20).doesNotHaveDuplicates().startsWith("id-1", "id-2", "id-4");
        assertThat(bad).hasSize(10);
        assertThat(bad).extracting(r -> header(r, DlqHeaders.SOURCE_OFFSET)).containsExactly("0", "3", "6", "9", "12", "15", "18", "21", "24", "27");
        assertThat(stats.valid()).isEqualTo(20);
        assertThat(stats.rejected(DlqReason.MALFORMED_JSON)).isEqualTo(10);
    }
}
