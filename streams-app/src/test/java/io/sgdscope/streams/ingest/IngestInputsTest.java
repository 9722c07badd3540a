package io.sgdscope.streams.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgdscope.common.Label;
import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.BinarySampleCodec;
import io.sgdscope.common.codec.JsonLabelCodec;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.DlqHeaders;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.ingest.IngestFailure;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.streams.topology.TopologyNames;
import io.sgdscope.streams.validation.DlqReason;
import io.sgdscope.streams.validation.ValidationStats;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest path alone on a {@link TopologyTestDriver}: what each foreign record becomes, and where it goes. */
class IngestInputsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Topics TOPICS = new Topics("test.");

    @TempDir
    Path stateDir;

    private static final String FIXED = """
            ingest:
              - from: payments
                format: json
                id: /txn_id
                stream: payments
                timestamp: /ts
                labels-from: { topic: chargebacks, id: /txn_id, label: { field: /fraud, classes: [false, true] } }
                features:
                  - { field: /amount, transform: log1p, missing: 0, missing-indicator: true }
                  - { field: /channel, one-hot: [web, app, pos], other: true }
            """;

    private static final String LEARNING = """
            ingest:
              - from: payments
                format: json
                stream: payments
                features:
                  - { field: /amount }
                  - { field: /country, one-hot: { learn: 2 }, other: true }
            """;

    /** The ingest path's outputs, with samples and labels sent to test topics of their own. */
    private final class Harness implements AutoCloseable {
        final ValidationStats stats = new ValidationStats();
        final FeatureCatalog catalog = new FeatureCatalog();
        final IngestConfig config;
        final TopologyTestDriver driver;
        final TestInputTopic<byte[], byte[]> payments;
        final TestInputTopic<byte[], byte[]> chargebacks;
        final TestOutputTopic<String, byte[]> samples;
        final TestOutputTopic<String, byte[]> labels;
        final TestOutputTopic<String, byte[]> dlq;
        final TestOutputTopic<String, String> schemas;

        Harness(String yaml) {
            config = IngestConfig.from(RawConfig.fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                    "ingest.yaml"));
            StreamsBuilder builder = new StreamsBuilder();
            var merged = new IngestInputs(config.mappings(), stats, catalog)
                    .addTo(builder, TopologyNames.of(TOPICS));
            merged.samples().forEach(s -> s.to("out.samples", Produced.with(Serdes.String(), Serdes.ByteArray())));
            merged.labels().forEach(s -> s.to("out.labels", Produced.with(Serdes.String(), Serdes.ByteArray())));
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ingest-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            driver = new TopologyTestDriver(builder.build(), props);
            payments = driver.createInputTopic("payments", Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
            chargebacks = driver.createInputTopic("chargebacks", Serdes.ByteArray().serializer(),
                    Serdes.ByteArray().serializer());
            samples = driver.createOutputTopic("out.samples", Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            labels = driver.createOutputTopic("out.labels", Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            dlq = driver.createOutputTopic(TOPICS.samplesDlq().name(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
            schemas = driver.createOutputTopic(TOPICS.featuresSchema().name(), Serdes.String().deserializer(),
                    Serdes.String().deserializer());
        }

        void send(String json) {
            payments.pipeInput(null, json.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    @Test
    void aForeignEventBecomesABinarySampleKeyedByStream() {
        try (Harness h = new Harness(FIXED)) {
            h.send("{\"txn_id\":\"t-1\",\"amount\":12.5,\"channel\":\"app\",\"ts\":\"2026-11-30T10:00:00Z\"}");
            TestRecord<String, byte[]> r = h.samples.readRecord();
            Sample s = new BinarySampleCodec().decode(r.value());
            assertThat(r.key()).isEqualTo("payments");
            assertThat(s.id()).isEqualTo("t-1");
            assertThat(s.stream()).isEqualTo("payments");
            assertThat(s.eventTimeMs()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z").toEpochMilli());
            assertThat(s.isLabelled()).isFalse();
            // log1p(12.5), its missing indicator 0, then web, app, pos, other
            assertThat(s.features()).containsExactly((float) Math.log1p(12.5), 0f, 0f, 1f, 0f, 0f);
            assertThat(h.dlq.isEmpty()).isTrue();
        }
    }

    @Test
    void aRecordThatDoesNotParseGoesToTheDlqWithItsBytesReasonAndSource() {
        try (Harness h = new Harness(FIXED)) {
            h.send("{\"txn_id\":\"t-1\",\"amount\":12.5,\"channel\":\"app\",\"ts\":\"2026-11-30T10:00:00Z\"}");
            String broken = "{\"txn_id\":\"t-2\",\"amou";
            h.send(broken);
            h.send("{\"txn_id\":\"t-3\",\"amount\":\"twelve\",\"channel\":\"app\",\"ts\":\"2026-11-30T10:00:00Z\"}");
            List<TestRecord<String, byte[]>> bad = h.dlq.readRecordsToList();
            assertThat(bad).hasSize(2);
            assertThat(new String(bad.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(broken);
            assertThat(header(bad.get(0), DlqHeaders.REASON)).isEqualTo("unparsable");
            assertThat(header(bad.get(0), DlqHeaders.SOURCE_TOPIC)).isEqualTo("payments");
            assertThat(header(bad.get(0), DlqHeaders.SOURCE_OFFSET)).isEqualTo("1");
            assertThat(header(bad.get(1), DlqHeaders.REASON)).isEqualTo("wrong_type");
            assertThat(header(bad.get(1), DlqHeaders.MESSAGE)).contains("/amount");
            assertThat(h.stats.rejected(DlqReason.UNPARSABLE)).isEqualTo(1);
            assertThat(h.stats.rejected(DlqReason.WRONG_TYPE)).isEqualTo(1);
            assertThat(h.samples.readRecordsToList()).hasSize(1);
        }
    }

    @Test
    void labelsFromAnotherTopicBecomeLabelRecordsKeyedBySampleId() {
        try (Harness h = new Harness(FIXED)) {
            h.chargebacks.pipeInput(null, "{\"txn_id\":\"t-1\",\"fraud\":true}".getBytes(StandardCharsets.UTF_8), 5_000L);
            h.chargebacks.pipeInput(null, "{\"txn_id\":\"t-2\",\"fraud\":\"maybe\"}".getBytes(StandardCharsets.UTF_8), 6_000L);
            TestRecord<String, byte[]> r = h.labels.readRecord();
            LabelRecord label = new JsonLabelCodec().decode(r.value());
            assertThat(r.key()).isEqualTo("t-1");
            assertThat(label).isEqualTo(new LabelRecord("t-1", "payments", Label.ofClass(1), 5_000L));
            assertThat(h.labels.isEmpty()).isTrue();
            TestRecord<String, byte[]> bad = h.dlq.readRecord();
            assertThat(header(bad, DlqHeaders.REASON)).isEqualTo("bad_label");
            assertThat(header(bad, DlqHeaders.SOURCE_TOPIC)).isEqualTo("chargebacks");
        }
    }

    @Test
    void aLearnedVocabularyNamesItsSlotsOnFeaturesSchemaAsItGrows() throws Exception {
        try (Harness h = new Harness(LEARNING)) {
            h.send("{\"amount\":1,\"country\":\"DE\"}");
            h.send("{\"amount\":2,\"country\":\"FR\"}");
            h.send("{\"amount\":3,\"country\":\"DE\"}");
            h.send("{\"amount\":4,\"country\":\"NL\"}"); // the vocabulary is full: other
            List<float[]> features = h.samples.readValuesToList().stream()
                    .map(b -> new BinarySampleCodec().decode(b).features()).toList();
            assertThat(features).hasSize(4);
            assertThat(features.get(0)).containsExactly(1f, 1f, 0f, 0f);
            assertThat(features.get(1)).containsExactly(2f, 0f, 1f, 0f);
            assertThat(features.get(2)).containsExactly(3f, 1f, 0f, 0f);
            assertThat(features.get(3)).containsExactly(4f, 0f, 0f, 1f);
            // one table per growth, the latest naming both learned values
            List<TestRecord<String, String>> tables = h.schemas.readRecordsToList();
            assertThat(tables).hasSize(2).allMatch(t -> t.key().equals("payments"));
            JsonNode last = JSON.readTree(tables.get(1).value());
            assertThat(names(last)).containsExactly("amount", "country=DE", "country=FR", names(last).get(3));
            assertThat(names(JSON.readTree(tables.get(0).value())).get(2)).doesNotContain("FR");
            assertThat(JSON.readTree(h.catalog.toJson()).get("payments")).isEqualTo(last);
        }
    }

    @Test
    void everyIngestFailureHasADlqReasonOfTheSameCode() {
        for (IngestFailure f : IngestFailure.values()) {
            assertThat(DlqReason.of(f).code()).isEqualTo(f.code());
        }
    }

    @Test
    void constantStreamsGetTheMappingsDimensionAndClasses() {
        IngestConfig config = IngestConfig.from(RawConfig.fromYaml(
                new ByteArrayInputStream(FIXED.getBytes(StandardCharsets.UTF_8)), "ingest.yaml"));
        var schemas = config.streamSchemas(StreamsAppConfig.from(RawConfig.empty()));
        assertThat(schemas).containsOnlyKeys("payments");
        assertThat(schemas.get("payments").dimension()).isEqualTo(6);
        assertThat(schemas.get("payments").task().classes()).isEqualTo(2);
        assertThat(config.render()).contains("0 = ").contains("web");
    }

    private static List<String> names(JsonNode table) {
        return java.util.stream.StreamSupport.stream(table.get("features").spliterator(), false)
                .map(f -> f.get("name").asText()).toList();
    }

    private static String header(TestRecord<String, byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
