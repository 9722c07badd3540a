package io.sgdscope.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
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
    void everyTruncationIsRejectedAsTruncated() {
        byte[] bytes = codec.encode(sample);
        for (int len = 3; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThat(errorOf(() -> codec.decode(cut))).as("cut at %d", len).isEqualTo(DecodeError.TRUNCATED);
        }
    }

    @Test
    void rejectsForeignBytesUnknownVersionsAndTrailingBytes() {
        byte[] bytes = codec.encode(sample);
        byte[] foreign = bytes.clone();
        foreign[0] = '{';
        byte[] future = bytes.clone();
        future[1] = 2;
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        assertThat(errorOf(() -> codec.decode(foreign))).isEqualTo(DecodeError.MALFORMED);
        assertThat(errorOf(() -> codec.decode(future))).isEqualTo(DecodeError.UNSUPPORTED_VERSION);
        assertThat(errorOf(() -> codec.decode(trailing))).isEqualTo(DecodeError.MALFORMED);
        assertThat(errorOf(() -> codec.decode(null))).isEqualTo(DecodeError.EMPTY);
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
