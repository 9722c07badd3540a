package io.sgdscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.common.hash.Hashing;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompiledMappingTest {

    private final InMemoryVocabularyState vocab = new InMemoryVocabularyState();

    private static CompiledMapping mapping(String entryBody) {
        return Specs.compile("ingest:\n  - from: payments\n" + entryBody.indent(4));
    }

    private Sample mapped(CompiledMapping m, String json) {
        MappingOutcome o = m.map(Specs.json(json), vocab);
        assertThat(o).isInstanceOf(MappingOutcome.Mapped.class);
        return ((MappingOutcome.Mapped) o).sample();
    }

    private MappingOutcome.Rejected rejected(CompiledMapping m, String json) {
        return rejected(m, Specs.json(json));
    }

    private MappingOutcome.Rejected rejected(CompiledMapping m, IngestRecord r) {
        MappingOutcome o = m.map(r, vocab);
        assertThat(o).isInstanceOf(MappingOutcome.Rejected.class);
        return (MappingOutcome.Rejected) o;
    }

    @Test
    void defaultsGiveTopicPartitionOffsetIdTopicStreamAndRecordTime() {
        Sample s = mapped(mapping("features: [{field: /x}]"), "{\"x\": 2.5}");
        assertThat(s.id()).isEqualTo("payments-2-41");
        assertThat(s.stream()).isEqualTo("payments");
        assertThat(s.eventTimeMs()).isEqualTo(1_700_000_000_000L);
        assertThat(s.features()).containsExactly(2.5f);
        assertThat(s.label()).isNull();
        assertThat(s.hasIndex()).isFalse();
    }

    @Test
    void idStreamAndTimestampFromFieldsAndKey() {
        CompiledMapping m = mapping("""
                id: /txn
                stream: /tenant/name
                timestamp: /ts
                features: [{field: /x}]
                """);
        Sample s = mapped(m, "{\"txn\": \"t-9\", \"tenant\": {\"name\": \"eu\"}, \"ts\": \"2026-11-30T10:00:00Z\", \"x\": 1}");
        assertThat(s.id()).isEqualTo("t-9");
        assertThat(s.stream()).isEqualTo("eu");
        assertThat(s.eventTimeMs()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z").toEpochMilli());
        assertThat(mapped(m, "{\"txn\": 7, \"tenant\": {\"name\": \"eu\"}, \"ts\": 1234, \"x\": 1}").eventTimeMs())
                .isEqualTo(1234);
        assertThat(mapped(m, "{\"txn\": 7, \"tenant\": {\"name\": \"eu\"}, \"ts\": \"2026-11-30T11:00:00+01:00\", \"x\": 1}")
                .eventTimeMs()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z").toEpochMilli());
        CompiledMapping byKey = mapping("id: key\nstream: key\nfeatures: [{field: /x}]");
        Sample k = mapped(byKey, "{\"x\": 1}");
        assertThat(k.id()).isEqualTo("k1");
        assertThat(k.stream()).isEqualTo("k1");
    }

    @Test
    void badTimestampsAndMissingIdsAreRejected() {
        CompiledMapping m = mapping("id: /txn\ntimestamp: /ts\nfeatures: [{field: /x}]");
        assertThat(rejected(m, "{\"txn\": 1, \"ts\": \"yesterday\", \"x\": 1}").failure()).isEqualTo(IngestFailure.BAD_TIMESTAMP);
        assertThat(rejected(m, "{\"txn\": 1, \"ts\": {\"s\": 1}, \"x\": 1}").failure()).isEqualTo(IngestFailure.BAD_TIMESTAMP);
        assertThat(rejected(m, "{\"txn\": 1, \"x\": 1}").failure()).isEqualTo(IngestFailure.MISSING_FIELD);
        MappingOutcome.Rejected noId = rejected(m, "{\"ts\": 5, \"x\": 1}");
        assertThat(noId.failure()).isEqualTo(IngestFailure.MISSING_FIELD);
        assertThat(noId.detail()).contains("/txn");
        assertThat(rejected(m, "{\"txn\": [1], \"ts\": 5, \"x\": 1}").failure()).isEqualTo(IngestFailure.WRONG_TYPE);
        CompiledMapping byKey = mapping("id: key\nfeatures: [{field: /x}]");
        assertThat(rejected(byKey, new IngestRecord("payments", 0, 0, 0, null, "{\"x\":1}".getBytes(StandardCharsets.UTF_8)))
                .failure()).isEqualTo(IngestFailure.MISSING_FIELD);
    }

    @Test
    void unparsableBytesAreRejected() {
        CompiledMapping m = mapping("features: [{field: /x}]");
        assertThat(rejected(m, "{\"x\": 1").failure()).isEqualTo(IngestFailure.UNPARSABLE);
        assertThat(rejected(m, "{\"x\": 1} trailing").failure()).isEqualTo(IngestFailure.UNPARSABLE);
        assertThat(rejected(m, Specs.record(null)).failure()).isEqualTo(IngestFailure.UNPARSABLE);
        assertThat(rejected(m, Specs.record(new byte[0])).failure()).isEqualTo(IngestFailure.UNPARSABLE);
        assertThat(IngestFailure.UNPARSABLE.code()).isEqualTo("unparsable");
        assertThat(IngestFailure.UNKNOWN_SCHEMA_ID.code()).isEqualTo("unknown_schema_id");
    }

    @Test
    void transformsApplyAfterClipping() {
        CompiledMapping m = mapping("""
                features:
                  - {field: /a, transform: log1p}
                  - {field: /a, name: a-log, transform: log}
                  - {field: /a, name: a-sqrt, transform: sqrt}
                  - {field: /a, name: a-none, transform: none}
                  - {field: /b, clip: [0, 120]}
                  - {field: /b, name: b-log, clip: [1, 100], transform: log}
                """);
        float[] f = mapped(m, "{\"a\": 3, \"b\": 150}").features();
        assertThat(f[0]).isCloseTo((float) Math.log(4), within(1e-6f));
        assertThat(f[1]).isCloseTo((float) Math.log(3), within(1e-6f));
        assertThat(f[2]).isCloseTo((float) Math.sqrt(3), within(1e-6f));
        assertThat(f[3]).isEqualTo(3f);
        assertThat(f[4]).isEqualTo(120f);
        assertThat(f[5]).isCloseTo((float) Math.log(100), within(1e-6f));
        float[] low = mapped(m, "{\"a\": 3, \"b\": -7}").features();
        assertThat(low[4]).isEqualTo(0f);
        assertThat(low[5]).isEqualTo(0f); // clipped to 1, log 1 = 0
    }

    @Test
    void aTransformThatLeavesTheRealsIsABadValue() {
        CompiledMapping m = mapping("features: [{field: /a, transform: log}]");
        MappingOutcome.Rejected r = rejected(m, "{\"a\": 0}");
        assertThat(r.failure()).isEqualTo(IngestFailure.BAD_VALUE);
        assertThat(r.detail()).contains("/a", "log");
        assertThat(rejected(mapping("features: [{field: /a, transform: sqrt}]"), "{\"a\": -1}").failure())
                .isEqualTo(IngestFailure.BAD_VALUE);
        assertThat(rejected(mapping("features: [{field: /a}]"), "{\"a\": 1e300}").failure())
                .isEqualTo(IngestFailure.BAD_VALUE);
    }

    @Test
    void numbersBooleansAndNumericTextAreNumeric() {
        CompiledMapping m = mapping("features: [{field: /a}, {field: /b}, {field: /c}, {field: /d}]");
        assertThat(mapped(m, "{\"a\": true, \"b\": false, \"c\": \" 2.5 \", \"d\": \"TRUE\"}").features())
                .containsExactly(1f, 0f, 2.5f, 1f);
        MappingOutcome.Rejected r = rejected(m, "{\"a\": \"abc\", \"b\": 1, \"c\": 1, \"d\": 1}");
        assertThat(r.failure()).isEqualTo(IngestFailure.WRONG_TYPE);
        assertThat(r.detail()).contains("/a", "'abc'");
        assertThat(rejected(m, "{\"a\": {}, \"b\": 1, \"c\": 1, \"d\": 1}").failure()).isEqualTo(IngestFailure.WRONG_TYPE);
    }

    @Test
    void missingValuesAndTheirIndicator() {
        CompiledMapping m = mapping("""
                features:
                  - {field: /a, transform: log1p, missing: -1, missing-indicator: true}
                  - {field: /b, missing: 7}
                  - {field: /c, missing-indicator: true}
                """);
        assertThat(m.featureTable().features().stream().map(FeatureTable.Feature::name))
                .containsExactly("a", "missing(a)", "b", "c", "missing(c)");
        // the missing value is the slot's value as is: not transformed
        assertThat(mapped(m, "{\"a\": null}").features()).containsExactly(-1f, 1f, 7f, 0f, 1f);
        assertThat(mapped(m, "{\"a\": 0, \"b\": 2, \"c\": 3}").features()).containsExactly(0f, 0f, 2f, 3f, 0f);
        MappingOutcome.Rejected r = rejected(mapping("features: [{field: /user/age}]"), "{\"user\": {}}");
        assertThat(r.failure()).isEqualTo(IngestFailure.MISSING_FIELD);
        assertThat(r.detail()).contains("/user/age");
    }

    @Test
    void standardScalingWithRunningMomentsPerStream() {
        CompiledMapping m = mapping("stream: /s\nfeatures: [{field: /x, scale: standard}]");
        assertThat(m.learnsVocabulary()).isTrue();
        assertThat(mapped(m, "{\"s\": \"a\", \"x\": 10}").features()).containsExactly(0f); // one value: sd 0
        // a: {10, 20}: mean 15, sd sqrt(50)
        assertThat(mapped(m, "{\"s\": \"a\", \"x\": 20}").features()[0]).isCloseTo((float) (5 / Math.sqrt(50)), within(1e-6f));
        // stream b has its own moments
        assertThat(mapped(m, "{\"s\": \"b\", \"x\": 1000}").features()).containsExactly(0f);
        // a: {10, 20, 30}: mean 20, sd 10
        assertThat(mapped(m, "{\"s\": \"a\", \"x\": 30}").features()[0]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void runningMomentsMatchTheTwoPassFormulas() {
        RunningMoments m = RunningMoments.EMPTY;
        double[] xs = {3, 1e6 + 1, 1e6 + 2, -4, 0.5};
        for (double x : xs) {
            m = m.plus(x);
        }
        double mean = java.util.Arrays.stream(xs).average().orElseThrow();
        double ss = java.util.Arrays.stream(xs).map(x -> (x - mean) * (x - mean)).sum();
        assertThat(m.count()).isEqualTo(5);
        assertThat(m.mean()).isCloseTo(mean, within(1e-9));
        assertThat(m.sd()).isCloseTo(Math.sqrt(ss / 4), within(1e-6));
    }

    @Test
    void fixedScaling() {
        CompiledMapping m = mapping("features: [{field: /x, scale: {mean: 10, sd: 4}}]");
        assertThat(m.learnsVocabulary()).isFalse();
        assertThat(m.map(Specs.json("{\"x\": 18}"), VocabularyState.NONE))
                .isEqualTo(new MappingOutcome.Mapped(new Sample("payments-2-41", "payments", 1_700_000_000_000L,
                        new float[] {2f}, null, null)));
    }

    @Test
    void oneHotFixedListWithAndWithoutOther() {
        CompiledMapping m = mapping("""
                features:
                  - {field: /channel, one-hot: [web, app, pos], other: true}
                  - {field: /flag, one-hot: [false, true]}
                """);
        assertThat(m.dimension()).isEqualTo(6);
        assertThat(m.featureTable().render()).isEqualTo(String.join(System.lineSeparator(),
                "0 = channel=web", "1 = channel=app", "2 = channel=pos", "3 = channel=<other>", "4 = flag=false",
                "5 = flag=true", ""));
        assertThat(mapped(m, "{\"channel\": \"app\", \"flag\": true}").features()).containsExactly(0, 1, 0, 0, 0, 1);
        assertThat(mapped(m, "{\"channel\": \"atm\", \"flag\": false}").features()).containsExactly(0, 0, 0, 1, 1, 0);
        MappingOutcome.Rejected r = rejected(m, "{\"channel\": \"web\", \"flag\": \"maybe\"}");
        assertThat(r.failure()).isEqualTo(IngestFailure.UNKNOWN_CATEGORY);
        assertThat(r.detail()).contains("/flag", "'maybe'");
        assertThat(rejected(m, "{\"flag\": true}").failure()).isEqualTo(IngestFailure.MISSING_FIELD);
        assertThat(rejected(m, "{\"channel\": [\"web\"], \"flag\": true}").failure()).isEqualTo(IngestFailure.WRONG_TYPE);
        CompiledMapping optional = mapping("features: [{field: /channel, one-hot: [web], optional: true}]");
        assertThat(mapped(optional, "{}").features()).containsExactly(0f);
    }

    @Test
    void learnedOneHotTakesTheFirstNValuesThenFreezes() {
        CompiledMapping m = mapping("""
                stream: /s
                features:
                  - {field: /c, one-hot: {learn: 2}}
                  - {field: /d, one-hot: {learn: 1}, other: false}
                """);
        assertThat(m.learnsVocabulary()).isTrue();
        assertThat(m.featureTable().features().stream().map(FeatureTable.Feature::name))
                .containsExactly("c=<learned 0>", "c=<learned 1>", "c=<other>", "d=<learned 0>");
        assertThat(mapped(m, "{\"s\": \"a\", \"c\": \"DE\", \"d\": 1}").features()).containsExactly(1, 0, 0, 1);
        assertThat(mapped(m, "{\"s\": \"a\", \"c\": \"FR\", \"d\": 1}").features()).containsExactly(0, 1, 0, 1);
        assertThat(mapped(m, "{\"s\": \"a\", \"c\": \"IT\", \"d\": 1}").features()).containsExactly(0, 0, 1, 1);
        assertThat(mapped(m, "{\"s\": \"a\", \"c\": \"DE\", \"d\": 1}").features()).containsExactly(1, 0, 0, 1);
        // each stream learns its own vocabulary
        assertThat(mapped(m, "{\"s\": \"b\", \"c\": \"IT\", \"d\": 2}").features()).containsExactly(1, 0, 0, 1);
        assertThat(vocab.vocabulary("a", "c")).containsExactly("DE", "FR");
        assertThat(vocab.vocabulary("b", "c")).containsExactly("IT");
        assertThat(rejected(m, "{\"s\": \"a\", \"c\": \"DE\", \"d\": 2}").failure()).isEqualTo(IngestFailure.UNKNOWN_CATEGORY);
    }

    @Test
    void aRejectedRecordTeachesTheStreamNothing() {
        CompiledMapping m = mapping("features: [{field: /c, one-hot: {learn: 5}}, {field: /x}]");
        rejected(m, "{\"c\": \"DE\"}"); // /x is missing
        assertThat(vocab.vocabulary("payments", "c")).isEmpty();
    }

    /** The slot and sign are murmur3_32 of {@code name=value}: low bits the slot, the top bit the sign. */
    private static int slot(String feature, int bits) {
        return Hashing.murmur3_32_fixed(0).hashString(feature, StandardCharsets.UTF_8).asInt() & ((1 << bits) - 1);
    }

    private static float sign(String feature) {
        return Hashing.murmur3_32_fixed(0).hashString(feature, StandardCharsets.UTF_8).asInt() < 0 ? -1 : 1;
    }

    @Test
    void hashingPutsEachFieldValueInAMurmur3SlotWithASign() {
        CompiledMapping m = mapping("features: [{fields: [/merchant, /user/id], hash: {bits: 10}}]");
        assertThat(m.dimension()).isEqualTo(1024);
        assertThat(m.featureTable().name(3)).isEqualTo("hash(merchant,user/id)#3");
        float[] f = mapped(m, "{\"merchant\": \"acme\", \"user\": {\"id\": 42}}").features();
        float[] expected = new float[1024];
        expected[slot("merchant=acme", 10)] += sign("merchant=acme");
        expected[slot("user/id=42", 10)] += sign("user/id=42");
        assertThat(f).containsExactly(expected);
        // over many values both signs occur: the sign is not constant
        java.util.Set<Float> signs = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            signs.add(sign("merchant=m" + i));
        }
        assertThat(signs).containsExactlyInAnyOrder(-1f, 1f);
    }

    @Test
    void unsignedHashingCountsAndTheSeedMoves() {
        CompiledMapping unsigned = mapping("features: [{field: /m, hash: {bits: 4, signed: false}}]");
        float[] f = mapped(unsigned, "{\"m\": \"acme\"}").features();
        assertThat(f[slot("m=acme", 4)]).isEqualTo(1f);
        CompiledMapping seeded = mapping("features: [{field: /m, hash: {bits: 16, seed: 7}}]");
        int h = Hashing.murmur3_32_fixed(7).hashString("m=acme", StandardCharsets.UTF_8).asInt();
        assertThat(mapped(seeded, "{\"m\": \"acme\"}").features()[h & 0xFFFF]).isEqualTo(h < 0 ? -1f : 1f);
    }

    @Test
    void crossesHashTheCombination() {
        CompiledMapping m = mapping("features: [{cross: [/channel, /user/country], hash: {bits: 8}}]");
        assertThat(m.featureTable().name(5)).isEqualTo("cross(channel,user/country)#5");
        float[] f = mapped(m, "{\"channel\": \"app\", \"user\": {\"country\": \"DE\"}}").features();
        float[] expected = new float[256];
        expected[slot("channel=app^user/country=DE", 8)] = sign("channel=app^user/country=DE");
        assertThat(f).containsExactly(expected);
        assertThat(rejected(m, "{\"channel\": \"app\"}").failure()).isEqualTo(IngestFailure.MISSING_FIELD);
        CompiledMapping optional = mapping("features: [{cross: [/a, /b], hash: {bits: 2}, optional: true}]");
        assertThat(mapped(optional, "{\"a\": 1}").features()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void labelsByClassValueAsJsonText() {
        CompiledMapping bool = mapping("label: {field: /y, classes: [false, true]}\nfeatures: [{field: /x}]");
        assertThat(mapped(bool, "{\"x\": 1, \"y\": true}").label()).isEqualTo(Label.ofClass(1));
        assertThat(mapped(bool, "{\"x\": 1, \"y\": false}").label()).isEqualTo(Label.ofClass(0));
        assertThat(mapped(bool, "{\"x\": 1, \"y\": null}").label()).isNull();
        assertThat(mapped(bool, "{\"x\": 1}").label()).isNull();
        MappingOutcome.Rejected r = rejected(bool, "{\"x\": 1, \"y\": \"maybe\"}");
        assertThat(r.failure()).isEqualTo(IngestFailure.BAD_LABEL);
        assertThat(r.detail()).contains("/y", "'maybe'");
        CompiledMapping named = mapping("label: {field: /y, classes: [ok, fraud, 2]}\nfeatures: [{field: /x}]");
        assertThat(mapped(named, "{\"x\": 1, \"y\": \"fraud\"}").label()).isEqualTo(Label.ofClass(1));
        assertThat(mapped(named, "{\"x\": 1, \"y\": 2}").label()).isEqualTo(Label.ofClass(2));
        assertThat(rejected(named, "{\"x\": 1, \"y\": {\"v\": 1}}").failure()).isEqualTo(IngestFailure.BAD_LABEL);
    }

    @Test
    void regressionTargets() {
        CompiledMapping m = mapping("label: {field: /y, target: true}\nfeatures: [{field: /x}]");
        assertThat(mapped(m, "{\"x\": 1, \"y\": 2.5}").label()).isEqualTo(Label.ofTarget(2.5));
        assertThat(mapped(m, "{\"x\": 1, \"y\": \"-3\"}").label()).isEqualTo(Label.ofTarget(-3));
        assertThat(rejected(m, "{\"x\": 1, \"y\": \"high\"}").failure()).isEqualTo(IngestFailure.BAD_LABEL);
        assertThat(rejected(m, "{\"x\": 1, \"y\": \"NaN\"}").failure()).isEqualTo(IngestFailure.BAD_LABEL);
    }

    @Test
    void labelsFromAnotherTopicBecomeLabelRecords() {
        CompiledMapping m = Specs.compile("""
                ingest:
                  - from: payments
                    id: /txn_id
                    label: {field: /is_fraud, classes: [false, true]}
                    labels-from: {topic: chargebacks, id: /txn, label: {field: /fraud}, timestamp: /at}
                    features: [{field: /x}]
                """);
        LabelMapping labels = m.labelsFrom().orElseThrow();
        assertThat(labels.topic()).isEqualTo("chargebacks");
        LabelOutcome o = labels.map(new IngestRecord("chargebacks", 0, 5, 99, null,
                "{\"txn\": \"t-1\", \"fraud\": true, \"at\": 1234}".getBytes(StandardCharsets.UTF_8)));
        assertThat(o).isEqualTo(new LabelOutcome.Mapped(new io.sgdscope.common.LabelRecord("t-1", "payments",
                Label.ofClass(1), 1234)));
        LabelOutcome noLabel = labels.map(new IngestRecord("chargebacks", 0, 6, 99, null,
                "{\"txn\": \"t-1\", \"at\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertThat(((MappingOutcome.Rejected) noLabel).failure()).isEqualTo(IngestFailure.MISSING_FIELD);
        LabelOutcome bad = labels.map(new IngestRecord("chargebacks", 0, 7, 99, null, "nope".getBytes(StandardCharsets.UTF_8)));
        assertThat(((MappingOutcome.Rejected) bad).failure()).isEqualTo(IngestFailure.UNPARSABLE);
        assertThat(mapping("features: [{field: /x}]").labelsFrom()).isEmpty();
    }

    @Test
    void aCsvEntryMapsColumns() {
        CompiledMapping m = Specs.compile("""
                ingest:
                  - from: payments
                    format: csv
                    csv: {columns: [txn, amount, channel, fraud]}
                    id: /txn
                    label: {field: /fraud, classes: ["0", "1"]}
                    features: [{field: /amount, missing: 0}, {field: /channel, one-hot: [web, app]}]
                """);
        Sample s = ((MappingOutcome.Mapped) m.map(Specs.record("t-1,,\"app\",1".getBytes(StandardCharsets.UTF_8)), vocab)).sample();
        assertThat(s.id()).isEqualTo("t-1");
        assertThat(s.features()).containsExactly(0f, 0f, 1f);
        assertThat(s.label()).isEqualTo(Label.ofClass(1));
        assertThat(rejected(m, Specs.record("t-1,3,app".getBytes(StandardCharsets.UTF_8))).failure())
                .isEqualTo(IngestFailure.UNPARSABLE);
        assertThat(rejected(m, Specs.record("t-1,x,app,1".getBytes(StandardCharsets.UTF_8))).failure())
                .isEqualTo(IngestFailure.WRONG_TYPE);
    }
}
