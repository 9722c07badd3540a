package io.sgdscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.config.ConfigException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestSpecsTest {

    /** The sketch, in this module's words. */
    static final String SKETCH = """
            ingest:
              - from: payments
                format: json
                id: /txn_id
                stream: payments
                timestamp: /ts
                label: { field: /is_fraud, classes: [false, true] }
                labels-from: { topic: chargebacks, id: /txn_id, label: { field: /fraud } }
                features:
                  - { field: /amount, transform: log1p, missing: 0, missing-indicator: true }
                  - { field: /user/age, clip: [0, 120], scale: standard }
                  - { field: /channel, one-hot: [web, app, pos], other: true }
                  - { field: /user/country, one-hot: { learn: 50 } }
                  - { fields: [/merchant, /user/id], hash: { bits: 10 } }
                  - { cross: [/channel, /user/country], hash: { bits: 8 } }
            """;

    @Test
    void theSketchParsesIntoTypedSpecs() {
        List<IngestSpec> specs = Specs.parse(SKETCH);
        assertThat(specs).hasSize(1);
        IngestSpec s = specs.get(0);
        assertThat(s.key()).isEqualTo("ingest[0]");
        assertThat(s.from()).isEqualTo("payments");
        assertThat(s.format().kind()).isEqualTo(RecordFormat.Kind.JSON);
        assertThat(s.id()).isEqualTo(new ValueSource.Field("/txn_id"));
        assertThat(s.stream()).isEqualTo(new ValueSource.Constant("payments"));
        assertThat(s.timestamp()).isEqualTo(new ValueSource.Field("/ts"));
        assertThat(s.label()).isEqualTo(new LabelSpec("/is_fraud", List.of("false", "true")));
        assertThat(s.labelsFrom().topic()).isEqualTo("chargebacks");
        assertThat(s.labelsFrom().label()).isEqualTo(new LabelSpec("/fraud", List.of("false", "true")));
        assertThat(s.labelsFrom().stream()).isEqualTo(new ValueSource.Constant("payments"));
        assertThat(s.labelsFrom().timestamp()).isEqualTo(new ValueSource.RecordTimestamp());
        assertThat(s.features()).containsExactly(
                new FeatureSpec.Numeric("amount", "/amount", FeatureSpec.Transform.LOG1P, 0.0, true,
                        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, FeatureSpec.Scale.NONE),
                new FeatureSpec.Numeric("user/age", "/user/age", FeatureSpec.Transform.NONE, null, false, 0, 120,
                        FeatureSpec.Scale.RUNNING),
                new FeatureSpec.OneHot("channel", "/channel", List.of("web", "app", "pos"), 0, true, false),
                new FeatureSpec.OneHot("user/country", "/user/country", List.of(), 50, true, false),
                new FeatureSpec.Hashed("hash(merchant,user/id)", List.of("/merchant", "/user/id"), false, 10, true, 0,
                        false),
                new FeatureSpec.Hashed("cross(channel,user/country)", List.of("/channel", "/user/country"), true, 8,
                        true, 0, false));
        // 2 + 1 + (3 + 1) + (50 + 1) + 1024 + 256
        assertThat(s.dimension()).isEqualTo(1338);
    }

    @Test
    void defaultsAreTheTopicAsStreamTheRecordTimeAndNoLabel() {
        IngestSpec s = Specs.parse("""
                ingest:
                  - from: clicks
                    features: [{field: /x}]
                """).get(0);
        assertThat(s.id()).isNull();
        assertThat(s.stream()).isEqualTo(new ValueSource.Constant("clicks"));
        assertThat(s.timestamp()).isEqualTo(new ValueSource.RecordTimestamp());
        assertThat(s.label()).isNull();
        assertThat(s.labelsFrom()).isNull();
        assertThat(s.format()).isEqualTo(FormatSpec.json());
    }

    @Test
    void sourcesAcceptKeyRecordAndPointers() {
        IngestSpec s = Specs.parse("""
                ingest:
                  - from: clicks
                    id: key
                    stream: /tenant
                    timestamp: record
                    label: {field: /y, target: true}
                    features: [{field: /x, scale: {mean: 2, sd: 4}}]
                """).get(0);
        assertThat(s.id()).isEqualTo(new ValueSource.RecordKey());
        assertThat(s.stream()).isEqualTo(new ValueSource.Field("/tenant"));
        assertThat(s.label().isTarget()).isTrue();
        assertThat(((FeatureSpec.Numeric) s.features().get(0)).scale())
                .isEqualTo(new FeatureSpec.Scale(FeatureSpec.Scale.Kind.FIXED, 2, 4));
    }

    @Test
    void formatsReadTheirOptions() {
        List<IngestSpec> specs = Specs.parse("""
                ingest:
                  - from: a
                    format: csv
                    csv: {columns: [id, amount, "user/x"], delimiter: ";"}
                    features: [{field: /amount}, {field: /user~1x}]
                  - from: b
                    format: connect-json
                    schemas: false
                    features: [{field: /x}]
                  - from: c
                    format: avro-confluent
                    registry: {url: "http://127.0.0.1:8081", username: u, password: p4ss, retry-total: 2s}
                    features: [{field: /x}]
                """);
        assertThat(specs.get(0).format().csvColumns()).containsExactly("id", "amount", "user/x");
        assertThat(specs.get(0).format().csvDelimiter()).isEqualTo(';');
        assertThat(specs.get(1).format().kind()).isEqualTo(RecordFormat.Kind.CONNECT_JSON);
        assertThat(specs.get(1).format().connectSchemas()).isFalse();
        RegistrySpec r = specs.get(2).format().registry();
        assertThat(r.url().toString()).isEqualTo("http://127.0.0.1:8081");
        assertThat(r.password().reveal()).isEqualTo("p4ss");
        assertThat(r.toString()).doesNotContain("p4ss");
        assertThat(r.retryTotal()).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.timeout()).isEqualTo(RegistrySpec.DEFAULT_TIMEOUT);
    }

    @Test
    void noIngestSectionIsNoEntries() {
        assertThat(IngestSpecs.parse(Specs.raw("trainer:\n  learning-rate: 0.1\n"))).isEmpty();
    }

    /** The error names the full key path, the file and the line of the offending value. */
    private static void fails(String yaml, String key, String... words) {
        assertThatThrownBy(() -> Specs.parse(yaml))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    assertThat(((ConfigException) e).key()).isEqualTo(key);
                    assertThat(e.getMessage()).contains(words);
                });
    }

    @Test
    void anUnknownKeyIsNamedWithItsFileAndLine() {
        fails("""
                ingest:
                  - from: a
                    features:
                      - {field: /x}
                      - {field: /y, transfrom: log}
                """, "ingest[0].features[1].transfrom", "unknown key", Specs.FILE + ":5", "transform");
        fails("""
                ingest:
                  - from: a
                    formt: json
                    features: [{field: /x}]
                """, "ingest[0].formt", "unknown key", Specs.FILE + ":3");
        fails("""
                ingest:
                  - from: a
                    features: [{field: /c, one-hot: [a, b], transform: log}]
                """, "ingest[0].features[0].transform", "unknown key", "one-hot feature has");
    }

    @Test
    void pointersMustBeJsonPointers() {
        fails("""
                ingest:
                  - from: a
                    features: [{field: amount}]
                """, "ingest[0].features[0].field", "JSON Pointer", Specs.FILE + ":3");
        fails("""
                ingest:
                  - from: a
                    features: [{field: "/a~2b"}]
                """, "ingest[0].features[0].field", "not a valid JSON Pointer");
        fails("""
                ingest:
                  - from: a
                    id: txn
                    features: [{field: /x}]
                """, "ingest[0].id", "must be a /pointer or key");
        fails("""
                ingest:
                  - from: a
                    timestamp: now
                    features: [{field: /x}]
                """, "ingest[0].timestamp", "must be a /pointer or record");
    }

    @Test
    void requiredKeysAreNamed() {
        fails("""
                ingest:
                  - format: json
                    features: [{field: /x}]
                """, "ingest[0].from", "is required");
        fails("""
                ingest:
                  - from: a
                """, "ingest[0].features", "at least one feature");
        fails("""
                ingest:
                  - from: a
                    label: {field: /y}
                    features: [{field: /x}]
                """, "ingest[0].label.classes", "is required");
        fails("""
                ingest:
                  - from: a
                    features: [{fields: [/m]}]
                """, "ingest[0].features[0].hash.bits", "is required");
    }

    @Test
    void valuesAreChecked() {
        fails("""
                ingest:
                  - from: a
                    features: [{fields: [/m], hash: {bits: 25}}]
                """, "ingest[0].features[0].hash.bits", "between 1 and 24", Specs.FILE + ":3");
        fails("""
                ingest:
                  - from: a
                    features: [{fields: [/m], hash: {bits: 0}}]
                """, "ingest[0].features[0].hash.bits", "between 1 and 24");
        fails("""
                ingest:
                  - from: a
                    features: [{field: /x, clip: [5, 5]}]
                """, "ingest[0].features[0].clip[0]", "lo < hi");
        fails("""
                ingest:
                  - from: a
                    features: [{field: /x, clip: [1, 2, 3]}]
                """, "ingest[0].features[0].clip[0]", "[lo, hi]");
        fails("""
                ingest:
                  - from: a
                    features: [{field: /x, transform: exp}]
                """, "ingest[0].features[0].transform", "log1p");
        fails("""
                ingest:
                  - from: a
                    features: [{field: /x, scale: minmax}]
                """, "ingest[0].features[0].scale", "standard");
        fails("""
                ingest:
                  - from: a
                    features: [{field: /x, scale: {mean: 1, sd: 0}}]
                """, "ingest[0].features[0].scale.sd", "between");
        fails("""
                ingest:
                  - from: a
                    features: [{field: /c, one-hot: {learn: 0}}]
                """, "ingest[0].features[0].one-hot.learn", "between 1");
        fails("""
                ingest:
                  - from: a
                    features: [{field: /c, one-hot: [a, a]}]
                """, "ingest[0].features[0].one-hot[0]", "distinct");
        fails("""
                ingest:
                  - from: a
                    features: [{field: /c, one-hot: }]
                """, "ingest[0].features[0].one-hot", "list of categories");
        fails("""
                ingest:
                  - from: a
                    label: {field: /y, classes: [yes]}
                    features: [{field: /x}]
                """, "ingest[0].label.classes[0]", "two classes");
        fails("""
                ingest:
                  - from: a
                    label: {field: /y, classes: [a, b], target: true}
                    features: [{field: /x}]
                """, "ingest[0].label.target", "not both");
        fails("""
                ingest:
                  - from: a
                    format: protobuf
                    features: [{field: /x}]
                """, "ingest[0].format", "avro-confluent");
        fails("""
                ingest:
                  - from: a
                    features: [{cross: [/a], hash: {bits: 4}}]
                """, "ingest[0].features[0].cross", "two");
        fails("""
                ingest:
                  - from: a
                    features: [{field: /x}, {field: /x}]
                """, "ingest[0].features[1].name", "used twice");
    }

    @Test
    void formatOptionsBelongToTheirFormat() {
        fails("""
                ingest:
                  - from: a
                    format: csv
                    features: [{field: /x}]
                """, "ingest[0].csv.columns", "is required for format csv");
        fails("""
                ingest:
                  - from: a
                    format: csv
                    csv: {columns: [a, b]}
                    features: [{field: /c}]
                """, "ingest[0].features[0].field", "names no declared csv column", "[/a, /b]");
        fails("""
                ingest:
                  - from: a
                    schemas: false
                    features: [{field: /x}]
                """, "ingest[0].schemas", "connect-json");
        fails("""
                ingest:
                  - from: a
                    registry: {url: "http://h:1"}
                    features: [{field: /x}]
                """, "ingest[0].registry", "avro-confluent");
        fails("""
                ingest:
                  - from: a
                    format: avro-confluent
                    features: [{field: /x}]
                """, "ingest[0].registry.url", "is required");
        fails("""
                ingest:
                  - from: a
                    format: avro-confluent
                    registry: {url: "ftp://h"}
                    features: [{field: /x}]
                """, "ingest[0].registry.url", "http");
        fails("""
                ingest:
                  - from: a
                    format: avro-confluent
                    registry: {url: "http://h:1", password: hunter2}
                    features: [{field: /x}]
                """, "ingest[0].registry.username", "basic auth");
    }

    @Test
    void aPasswordNeverAppearsInAnError() {
        assertThatThrownBy(() -> Specs.parse("""
                ingest:
                  - from: a
                    format: avro-confluent
                    registry: {url: "http://h:1", username: u, password: hunter2, timeout: soon}
                    features: [{field: /x}]
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("registry.timeout")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void topicsAreReadOnce() {
        fails("""
                ingest:
                  - from: a
                    features: [{field: /x}]
                  - from: a
                    features: [{field: /x}]
                """, "ingest[1].from", "already read");
        fails("""
                ingest:
                  - from: a
                    stream: /s
                    id: /id
                    labels-from: {topic: l, id: /id, label: {field: /y, classes: [a, b]}}
                    features: [{field: /x}]
                """, "ingest[0].labels-from.stream", "not a constant");
    }
}
