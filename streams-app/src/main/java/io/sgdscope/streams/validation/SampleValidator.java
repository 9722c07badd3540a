package io.sgdscope.streams.validation;

import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.BinarySampleCodec;
import io.sgdscope.common.codec.SampleCodec;
import io.sgdscope.common.codec.SampleDecodeException;

/** Decodes raw bytes and checks the sample against the stream's expectations. Stateless. */
public final class SampleValidator {

    private final SampleCodec codec;
    private final int expectedDimension;

    public SampleValidator(SampleCodec codec, int expectedDimension) {
        if (expectedDimension < 1) {
            throw new IllegalArgumentException("expectedDimension must be >= 1, got " + expectedDimension);
        }
        this.codec = codec;
        this.expectedDimension = expectedDimension;
    }

    public Verdict validate(byte[] raw) {
        Sample s;
        try {
            s = codec.decode(raw);
        } catch (SampleDecodeException e) {
            return new Verdict.Invalid(DlqReason.of(e.error()), e.getMessage());
        }
        for (String[] field : new String[][] {{"id", s.id()}, {"stream", s.stream()}}) {
            int bytes = field[1].getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > BinarySampleCodec.MAX_STRING_BYTES) {
                return new Verdict.Invalid(DlqReason.TOO_LARGE,
                        field[0] + " is " + bytes + " UTF-8 bytes; the limit is " + BinarySampleCodec.MAX_STRING_BYTES);
            }
        }
        if (s.dimension() != expectedDimension) {
            return new Verdict.Invalid(DlqReason.WRONG_DIMENSION,
                    "expected " + expectedDimension + " features, got " + s.dimension());
        }
        float[] x = s.features();
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                return new Verdict.Invalid(DlqReason.NON_FINITE, "features[" + i + "] is " + x[i]);
            }
        }
        if (s.label() != null && !Double.isFinite(s.label().asDouble())) {
            return new Verdict.Invalid(DlqReason.NON_FINITE, "label is " + s.label().asDouble());
        }
        return new Verdict.Valid(s);
    }
}
