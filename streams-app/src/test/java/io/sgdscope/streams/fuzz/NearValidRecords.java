package io.sgdscope.streams.fuzz;

import io.sgdscope.common.Label;
import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.BinarySampleCodec;
import io.sgdscope.common.codec.JsonLabelCodec;
import io.sgdscope.common.codec.JsonSampleCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Records for {@code samples.raw} and {@code labels.raw} that are valid, nearly valid or not valid
 * at all: valid JSON and binary samples, the same with one mutation (truncated, a byte flipped or
 * inserted, the binary version byte replaced), JSON whose fields carry wrong types, huge or
 * negative numbers and unknown versions, random bytes (some behind the binary magic byte), empty
 * payloads and tombstones. Sample ids come from a small pool so that labels find their samples,
 * duplicates occur, and labels come both before and after their samples.
 *
 * <p>Event times are near the record's timestamp, which the caller passes in, so that most valid
 * records pass the timestamp checks and the join window matters.
 */
final class NearValidRecords {

    static final List<String> STREAMS = List.of("alpha", "beta");
    private static final int ID_POOL = 24;
    /** Tokens that are not what a field wants: wrong types, huge, negative, out of range, non-finite. */
    private static final List<String> WEIRD = List.of("1e308", "-1e308", "1e400", "-1", "0", "2147483648",
            "9223372036854775807", "-9223372036854775809", "NaN", "Infinity", "-Infinity", "1.5", "\"str\"", "\"\"",
            "null", "true", "[]", "{}", "[1,2]", "{\"class\":1}");

    private final JsonSampleCodec json = new JsonSampleCodec();
    private final BinarySampleCodec binary = new BinarySampleCodec();
    private final JsonLabelCodec labelJson = new JsonLabelCodec();
    private final int dimension;
    private final int classes;

    /** @param dimension the features a valid sample has; @param classes the class count of a valid label */
    NearValidRecords(int dimension, int classes) {
        this.dimension = dimension;
        this.classes = classes;
    }

    /** A raw sample record, as a function of its Kafka timestamp. */
    Arbitrary<Stamped> samples() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, validSample().map(s -> (Stamped) ts -> json.encode(s.at(ts)))),
                Tuple.of(3, validSample().map(s -> (Stamped) ts -> binary.encode(s.at(ts)))),
                Tuple.of(4, Combinators.combine(validSample(), Arbitraries.of(true, false), mutation())
                        .as((s, asJson, m) -> (Stamped) ts -> m.apply(asJson ? json.encode(s.at(ts)) : binary.encode(s.at(ts))))),
                Tuple.of(4, weirdJsonSample()),
                Tuple.of(2, randomBytes()),
                Tuple.of(1, Arbitraries.of((Stamped) ts -> null, ts -> new byte[0])));
    }

    /** A raw label record, as a function of its Kafka timestamp. */
    Arbitrary<Stamped> labels() {
        Arbitrary<Stamped> valid = Combinators.combine(ids(), Arbitraries.of(STREAMS), classIndex(), eventOffset())
                .as((id, stream, c, dt) -> ts -> labelJson.encode(new LabelRecord(id, stream, Label.ofClass(c), ts + dt)));
        return Arbitraries.frequencyOf(
                Tuple.of(6, valid),
                Tuple.of(2, Combinators.combine(valid, mutation()).as((v, m) -> ts -> m.apply(v.bytes(ts)))),
                Tuple.of(3, weirdJsonLabel()),
                Tuple.of(1, randomBytes()),
                Tuple.of(1, Arbitraries.of((Stamped) ts -> null, ts -> new byte[0])));
    }

    /** A record whose bytes depend on the Kafka timestamp it will be sent with. */
    interface Stamped {
        byte[] bytes(long recordTimestampMs);
    }

    /** A valid sample, but for its event time, which is the record's timestamp plus {@code dt}. */
    record Draft(String id, String stream, float[] x, Label label, long dt) {
        Sample at(long ts) {
            return new Sample(id, stream, ts + dt, x, label, null);
        }
    }

    private Arbitrary<String> ids() {
        return Arbitraries.integers().between(0, ID_POOL - 1).map(i -> "s" + i);
    }

    private Arbitrary<Integer> classIndex() {
        return Arbitraries.integers().between(0, classes - 1);
    }

    /** Event time minus record timestamp: mostly small, sometimes beyond the five-minute future limit. */
    private static Arbitrary<Long> eventOffset() {
        return Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.longs().between(-5_000, 5_000)),
                Tuple.of(1, Arbitraries.longs().between(-3_600_000, 3_600_000)));
    }

    private Arbitrary<Draft> validSample() {
        Arbitrary<float[]> x = Arbitraries.floats().between(-10, 10).array(float[].class).ofSize(dimension);
        return Combinators.combine(ids(), Arbitraries.of(STREAMS), x, classIndex().map(Label::ofClass).injectNull(0.5),
                eventOffset()).as(Draft::new);
    }

    private static Arbitrary<Stamped> randomBytes() {
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(300), Arbitraries.of(true, false))
                .as((b, magic) -> ts -> {
                    if (magic && b.length > 0) {
                        b[0] = BinarySampleCodec.MAGIC;
                    }
                    return b;
                });
    }

    /** A JSON sample in which each field is either valid or a weird token, or missing. */
    private Arbitrary<Stamped> weirdJsonSample() {
        Arbitrary<String> version = field("1");
        Arbitrary<String> feature = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.floats().between(-10, 10).map(String::valueOf)),
                Tuple.of(1, Arbitraries.of(WEIRD)));
        Arbitrary<String> features = Arbitraries.frequencyOf(
                Tuple.of(5, feature.list().ofSize(dimension).map(l -> "[" + String.join(",", l) + "]")),
                Tuple.of(1, feature.list().ofMaxSize(dimension + 2).map(l -> "[" + String.join(",", l) + "]")),
                Tuple.of(1, Arbitraries.of(WEIRD)));
        Arbitrary<String> label = Arbitraries.frequencyOf(
                Tuple.of(3, classIndex().map(c -> "{\"class\":" + c + "}")),
                Tuple.of(2, Arbitraries.of(WEIRD).map(w -> "{\"class\":" + w + "}")),
                Tuple.of(1, Arbitraries.of(WEIRD).map(w -> "{\"target\":" + w + "}")),
                Tuple.of(1, Arbitraries.of(WEIRD)));
        return Combinators.combine(version, field(ids().map(NearValidRecords::quoted)),
                        field(Arbitraries.of(STREAMS).map(NearValidRecords::quoted)), eventOffset(), field(""), features,
                        label.injectNull(0.4))
                .as((v, id, stream, dt, tsWeird, x, l) -> ts -> {
                    StringBuilder b = new StringBuilder("{");
                    append(b, "v", v);
                    append(b, "id", id);
                    append(b, "stream", stream);
                    append(b, "ts", tsWeird == null ? null : tsWeird.isEmpty() ? Long.toString(ts + dt) : tsWeird);
                    append(b, "features", x);
                    append(b, "label", l);
                    return close(b);
                });
    }

    private Arbitrary<Stamped> weirdJsonLabel() {
        Arbitrary<String> label = Arbitraries.frequencyOf(
                Tuple.of(2, classIndex().map(c -> "{\"class\":" + c + "}")),
                Tuple.of(2, Arbitraries.of(WEIRD).map(w -> "{\"class\":" + w + "}")),
                Tuple.of(1, Arbitraries.of(WEIRD).map(w -> "{\"target\":" + w + "}")),
                Tuple.of(1, Arbitraries.of(WEIRD)));
        return Combinators.combine(field("1"), field(ids().map(NearValidRecords::quoted)),
                        field(Arbitraries.of(STREAMS).map(NearValidRecords::quoted)), eventOffset(), field(""), label.injectNull(0.1))
                .as((v, id, stream, dt, tsWeird, l) -> ts -> {
                    StringBuilder b = new StringBuilder("{");
                    append(b, "v", v);
                    append(b, "id", id);
                    append(b, "stream", stream);
                    append(b, "ts", tsWeird == null ? null : tsWeird.isEmpty() ? Long.toString(ts + dt) : tsWeird);
                    append(b, "label", l);
                    return close(b);
                });
    }

    /** The valid token mostly; sometimes a weird one; sometimes (null) the field is left out. */
    private static Arbitrary<String> field(String valid) {
        return field(Arbitraries.just(valid));
    }

    private static Arbitrary<String> field(Arbitrary<String> valid) {
        return Arbitraries.frequencyOf(Tuple.of(8, valid), Tuple.of(2, Arbitraries.of(WEIRD))).injectNull(0.05);
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    private static void append(StringBuilder b, String name, String token) {
        if (token != null) {
            b.append(b.length() > 1 ? "," : "").append('"').append(name).append("\":").append(token);
        }
    }

    private static byte[] close(StringBuilder b) {
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One change to a valid encoding. */
    interface Mutation {
        byte[] apply(byte[] valid);
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 10_000);
        return Arbitraries.oneOf(
                at.map(i -> (Mutation) v -> Arrays.copyOf(v, i % Math.max(1, v.length))),
                Combinators.combine(at, Arbitraries.bytes()).as((i, x) -> (Mutation) v -> {
                    byte[] c = v.clone();
                    c[i % c.length] ^= (byte) (x == 0 ? 1 : x);
                    return c;
                }),
                Combinators.combine(at, Arbitraries.bytes()).as((i, x) -> (Mutation) v -> {
                    int k = i % (v.length + 1);
                    return ByteBuffer.allocate(v.length + 1).put(v, 0, k).put(x).put(v, k, v.length - k).array();
                }),
                Arbitraries.bytes().map(version -> (Mutation) v -> {
                    byte[] c = v.clone();
                    if (c.length > 1 && c[0] == BinarySampleCodec.MAGIC) {
                        c[1] = version;
                    }
                    return c;
                }),
                Arbitraries.of((Mutation) v -> {
                    // the feature count of a binary sample made huge: the decoder must not allocate it
                    byte[] c = v.clone();
                    if (c.length > 1 && c[0] == BinarySampleCodec.MAGIC) {
                        int idLen = ((c[3] & 0xFF) << 8) | (c[4] & 0xFF);
                        int pos = 5 + idLen;
                        int streamLen = ((c[pos] & 0xFF) << 8) | (c[pos + 1] & 0xFF);
                        pos += 2 + streamLen + 8;
                        ByteBuffer.wrap(c).putInt(pos, Integer.MAX_VALUE);
                    }
                    return c;
                }));
    }
}
