package io.sgdscope.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BinarySampleCodecTest {

    private final BinarySampleCodec codec = new BinarySampleCodec();
    private final Sample sample = new Sample("id-1", "s", 42L, new float[] {1f, 2f, 3f},
            Label.ofClass(1), new GroundTruth(Label.ofClass(0), true, 3));

    private static DecodeError errorOf(Runnable r) {
        try {
            r.run();
        } catch (SampleDecodeException e) {
            return e.error();
        }
        throw new AssertionError("expected a SampleDecodeException");
    }

    @Test
    void layoutStartsWithMagicAndVersion() {
        byte[] bytes = codec.encode(sample);
        assertThat(bytes[0]).isEqualTo(BinarySampleCodec.MAGIC);
        assertThat(bytes[1]).isEqualTo(BinarySampleCodec.VERSION);
        // 3 header + (2+4) id + (2+1) stream + 8 ts + 4 n + 12 features + 4 label + 4 clean label + 4 phase
        assertThat(bytes).hasSize(3 + 6 + 3 + 8 + 4 + 12 + 4 + 4 + 4);
    }

    @Test
    void aKnownIndexCostsEightBytesAfterTheEventTime() {
        Sample indexed = new Sample("id-1", "s", 42L, new float[] {1f}, null, null, 0x0102030405060708L);
        byte[] bytes = codec.encode(indexed);
        byte[] without = codec.encode(new Sample("id-1", "s", 42L, new float[] {1f}, null, null));
        assertThat(bytes).hasSize(without.length + 8);
        assertThat(ByteBuffer.wrap(bytes, 3 + 6 + 3 + 8, 8).getLong()).isEqualTo(0x0102030405060708L);
        assertThat(codec.decode(bytes)).isEqualTo(indexed);
        assertThat(codec.decode(without).hasIndex()).isFalse();
    }

    /** A version-1 record, laid out by hand as the first version wrote it: no index. */
    private static byte[] version1Record() {
        byte[] id = "teacher-17".getBytes(StandardCharsets.UTF_8);
        byte[] stream = "teacher".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(3 + 2 + id.length + 2 + stream.length + 8 + 4 + 8 + 8 + 4 + 4);
        b.put((byte) 0x5C).put((byte) 1).put((byte) (1 | 2 | 4 | 16)); // real label, truth with class label, noisy
        b.putShort((short) id.length).put(id);
        b.putShort((short) stream.length).put(stream);
        b.putLong(1_700_000_000_000L);
        b.putInt(2).putFloat(0.5f).putFloat(-2f);
        b.putDouble(1.25);
        b.putInt(3).putInt(4);
        return b.array();
    }

    @Test
    void aVersion1RecordStillDecodesWithoutIndex() {
        Sample s = codec.decode(version1Record());
        assertThat(s).isEqualTo(new Sample("teacher-17", "teacher", 1_700_000_000_000L, new float[] {0.5f, -2f},
                Label.ofTarget(1.25), new GroundTruth(Label.ofClass(3), true, 4)));
        assertThat(s.hasIndex()).isFalse();
    }

    @Test
    void aVersion1RecordIgnoresTheIndexAndJoinedFlagsItNeverHad() {
        byte[] v1 = version1Record();
        v1[2] |= 32 | 64;
        assertThat(codec.decode(v1).hasIndex()).isFalse();
        assertThat(codec.decode(v1).joined()).isFalse();
    }

    @Test
    void theJoinedMarkIsFlag64AndCostsNoBytes() {
        Sample unlabelled = new Sample("id-1", "s", 42L, new float[] {1f}, null, null, 7);
        Sample joined = unlabelled.joinedWith(Label.ofClass(2));
        byte[] bytes = codec.encode(joined);
        byte[] plain = codec.encode(unlabelled.withLabel(Label.ofClass(2)));
        assertThat(bytes).hasSize(plain.length);
        assertThat(bytes[2] & 64).isEqualTo(64);
        assertThat(plain[2] & 64).isZero();
        assertThat(codec.decode(bytes).joined()).isTrue();
        assertThat(codec.decode(bytes)).isEqualTo(joined);
        assertThat(codec.decode(plain).joined()).isFalse();
    }

    /** A version-2 record, as version 2 wrote it: the index, no joined flag. */
    private static byte[] version2Record(int extraFlags) {
        byte[] id = "teacher-17".getBytes(StandardCharsets.UTF_8);
        byte[] stream = "teacher".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(3 + 2 + id.length + 2 + stream.length + 8 + 8 + 4 + 4 + 4);
        b.put((byte) 0x5C).put((byte) 2).put((byte) (1 | 32 | extraFlags)); // class label, index
        b.putShort((short) id.length).put(id);
        b.putShort((short) stream.length).put(stream);
        b.putLong(1_700_000_000_000L);
        b.putLong(17L);
        b.putInt(1).putFloat(0.5f);
        b.putInt(1);
        return b.array();
    }

    @Test
    void aVersion2RecordStillDecodesWithItsIndexAndNotJoined() {
        Sample s = codec.decode(version2Record(0));
        assertThat(s).isEqualTo(new Sample("teacher-17", "teacher", 1_700_000_000_000L, new float[] {0.5f},
                Label.ofClass(1), null, 17));
        assertThat(s.joined()).isFalse();
        assertThat(codec.decode(version2Record(64)).joined()).as("version 2 never had the joined bit").isFalse();
    }

    @Test
    void aJoinedRecordWithoutLabelIsInvalid() {
        byte[] bytes = codec.encode(new Sample("i", "s", 1L, new float[] {1f}, null, null));
        bytes[2] |= 64;
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOfSatisfying(SampleDecodeException.class,
                        e -> assertThat(e.error()).isEqualTo(DecodeError.INVALID_VALUE))
                .hasMessageContaining("joined");
    }

    @Test
    void aNegativeIndexIsInvalid() {
        byte[] bytes = codec.encode(new Sample("i", "s", 1L, new float[] {1f}, null, null, 5));
        ByteBuffer.wrap(bytes).putLong(3 + 3 + 3 + 8, -5L);
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOfSatisfying(SampleDecodeException.class,
                        e -> assertThat(e.error()).isEqualTo(DecodeError.INVALID_VALUE))
                .hasMessageContaining("index must be >= 0");
    }

    @Test
    void everyTruncationIsRejectedAsTruncated() {
        for (Sample s : new Sample[] {sample, new Sample("id-1", "s", 42L, new float[] {1f}, null, null, 9)}) {
            byte[] bytes = codec.encode(s);
            for (int len = 3; len < bytes.length; len++) {
                byte[] cut = Arrays.copyOf(bytes, len);
                assertThat(errorOf(() -> codec.decode(cut))).as("%s cut at %d", s, len).isEqualTo(DecodeError.TRUNCATED);
            }
        }
    }

    @Test
    void rejectsForeignBytesUnknownVersionsAndTrailingBytes() {
        byte[] bytes = codec.encode(sample);
        byte[] foreign = bytes.clone();
        foreign[0] = '{';
        byte[] future = bytes.clone();
        future[1] = BinarySampleCodec.VERSION + 1;
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        assertThat(errorOf(() -> codec.decode(foreign))).isEqualTo(DecodeError.MALFORMED);
        assertThat(errorOf(() -> codec.decode(future))).isEqualTo(DecodeError.UNSUPPORTED_VERSION);
        assertThat(errorOf(() -> codec.decode(trailing))).isEqualTo(DecodeError.MALFORMED);
        assertThat(errorOf(() -> codec.decode(null))).isEqualTo(DecodeError.EMPTY);
    }

    @Test
    void aRecordInsideALargerBufferDecodesInPlaceAsItsBytesDo() {
        byte[] bytes = codec.encode(sample);
        byte[] fetch = new byte[bytes.length + 9];
        Arrays.fill(fetch, (byte) 0x7F);
        System.arraycopy(bytes, 0, fetch, 4, bytes.length);
        java.nio.ByteBuffer slice = java.nio.ByteBuffer.wrap(fetch, 4, bytes.length).slice();
        assertThat(codec.decodeBuffer(slice)).isEqualTo(codec.decode(bytes));
        assertThat(slice.position()).as("the buffer is not consumed").isZero();
        // a record cut short inside its fetch fails as a truncated array does, not by reading its neighbour
        java.nio.ByteBuffer cut = java.nio.ByteBuffer.wrap(fetch, 4, bytes.length - 2).slice();
        assertThat(errorOf(() -> codec.decodeBuffer(cut))).isEqualTo(errorOf(() -> codec.decode(
                Arrays.copyOf(bytes, bytes.length - 2))));
        assertThat(errorOf(() -> codec.decodeBuffer(java.nio.ByteBuffer.allocate(0)))).isEqualTo(DecodeError.EMPTY);
        // a direct buffer has no array: decoded from a copy, the same
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        assertThat(codec.decodeBuffer(direct)).isEqualTo(codec.decode(bytes));
    }

    @Test
    void negativeFeatureCountIsInvalidNotAnAllocation() {
        byte[] bytes = codec.encode(sample);
        int countAt = 3 + 6 + 3 + 8;
        bytes[countAt] = (byte) 0x80;
        assertThat(errorOf(() -> codec.decode(bytes))).isEqualTo(DecodeError.INVALID_VALUE);
    }

    @Test
    void serdeMapsNullToNull() {
        var serde = SampleSerdes.binary();
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", sample))).isEqualTo(sample);
    }
}
