package io.sgdscope.common.codec;

import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Compact, versioned binary form for internal topics ({@code samples.clean}).
 *
 * <pre>
 * byte    magic (0x5C)
 * byte    version (3)
 * byte    flags: 1 label present, 2 label is a real target,
 *                4 truth present, 8 clean label is a real target, 16 noisy,
 *                32 index present (versions 2 and 3), 64 joined (version 3 only)
 * u16+utf id, u16+utf stream
 * i64     event time (ms)
 * [i64    index: the sample's 0-based position in its stream, >= 0]
 * i32     n, then n x f32 features
 * [label: i32 class index or f64 target]
 * [truth: clean label as above, i32 phase]
 * </pre>
 * Big-endian throughout. A reader rejects versions it does not know instead of guessing. Version 2
 * is version 3 without the joined flag: it still decodes, with {@code joined == false}. Version 1
 * is version 2 without the index: it still decodes, with {@link Sample#NO_INDEX}. The joined flag
 * needed a new version although it adds no bytes: a version-2 reader would not fail on the bit, it
 * would silently drop it, and the trainer would then score the joined copy as a new sample.
 */
public final class BinarySampleCodec implements SampleCodec {

    public static final byte MAGIC = 0x5C;
    public static final byte VERSION = 3;
    /** The second version, without the joined flag; still read. */
    public static final byte VERSION_WITHOUT_JOINED = 2;
    /** The first version, without the index; still read. */
    public static final byte VERSION_WITHOUT_INDEX = 1;

    private static final int LABEL = 1;
    private static final int LABEL_REAL = 2;
    private static final int TRUTH = 4;
    private static final int TRUTH_REAL = 8;
    private static final int NOISY = 16;
    private static final int INDEX = 32;
    private static final int JOINED = 64;
    /** The longest id or stream name, in UTF-8 bytes, that the format can hold. */
    public static final int MAX_STRING_BYTES = 0xFFFF;

    @Override
    public byte[] encode(Sample s) {
        byte[] id = utf8(s.id(), "id");
        byte[] stream = utf8(s.stream(), "stream");
        int flags = 0;
        if (s.label() != null) {
            flags |= LABEL | (s.label() instanceof Label.RealTarget ? LABEL_REAL : 0);
        }
        if (s.truth() != null) {
            flags |= TRUTH | (s.truth().cleanLabel() instanceof Label.RealTarget ? TRUTH_REAL : 0)
                    | (s.truth().noisy() ? NOISY : 0);
        }
        if (s.hasIndex()) {
            flags |= INDEX;
        }
        if (s.joined()) {
            flags |= JOINED;
        }
        int size = 3 + 2 + id.length + 2 + stream.length + 8 + (s.hasIndex() ? 8 : 0) + 4 + 4 * s.dimension()
                + (s.label() != null ? labelSize(s.label()) : 0)
                + (s.truth() != null ? labelSize(s.truth().cleanLabel()) + 4 : 0);
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(MAGIC).put(VERSION).put((byte) flags);
        b.putShort((short) id.length).put(id);
        b.putShort((short) stream.length).put(stream);
        b.putLong(s.eventTimeMs());
        if (s.hasIndex()) {
            b.putLong(s.index());
        }
        b.putInt(s.dimension());
        for (float f : s.features()) {
            b.putFloat(f);
        }
        if (s.label() != null) {
            putLabel(b, s.label());
        }
        if (s.truth() != null) {
            putLabel(b, s.truth().cleanLabel());
            b.putInt(s.truth().phase());
        }
        return b.array();
    }

    private static byte[] utf8(String s, String field) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_STRING_BYTES + " UTF-8 bytes");
        }
        return bytes;
    }

    private static int labelSize(Label l) {
        return l instanceof Label.RealTarget ? 8 : 4;
    }

    private static void putLabel(ByteBuffer b, Label l) {
        if (l instanceof Label.ClassIndex c) {
            b.putInt(c.index());
        } else {
            b.putDouble(((Label.RealTarget) l).value());
        }
    }

    @Override
    public Sample decode(byte[] bytes) {
        if (bytes == null) {
            throw new SampleDecodeException(DecodeError.EMPTY, "empty payload");
        }
        return decodeFrom(ByteBuffer.wrap(bytes));
    }

    /** Reads the record in place when the buffer has an array (a consumer's fetch does), else from a copy. */
    @Override
    public Sample decodeBuffer(ByteBuffer bytes) {
        return bytes.hasArray() ? decodeFrom(bytes.slice()) : SampleCodec.super.decodeBuffer(bytes);
    }

    /** The record from position 0 to the limit of {@code b}, a buffer with an array. */
    private Sample decodeFrom(ByteBuffer b) {
        if (!b.hasRemaining()) {
            throw new SampleDecodeException(DecodeError.EMPTY, "empty payload");
        }
        try {
            if (b.get() != MAGIC) {
                throw new SampleDecodeException(DecodeError.MALFORMED, "not a binary sample (bad magic byte)");
            }
            byte version = b.get();
            if (version < VERSION_WITHOUT_INDEX || version > VERSION) {
                throw new SampleDecodeException(DecodeError.UNSUPPORTED_VERSION, "binary format version " + version
                        + " is not supported (this build reads " + VERSION_WITHOUT_INDEX + " to " + VERSION + ")");
            }
            int flags = b.get();
            String id = getString(b);
            String stream = getString(b);
            long ts = b.getLong();
            long index = Sample.NO_INDEX;
            // version 1 had no index, version 2 no joined flag: their writers never set the bit, and it is not read there
            boolean joined = version >= VERSION && (flags & JOINED) != 0;
            if (version >= VERSION_WITHOUT_JOINED && (flags & INDEX) != 0) {
                index = b.getLong();
                if (index < 0) {
                    throw new SampleDecodeException(DecodeError.INVALID_VALUE, "index must be >= 0, got " + index);
                }
            }
            int n = b.getInt();
            if (n < 0 || (long) n * 4 > b.remaining()) {
                throw new SampleDecodeException(n < 0 ? DecodeError.INVALID_VALUE : DecodeError.TRUNCATED,
                        "feature count " + n + " does not fit the " + b.remaining() + " remaining bytes");
            }
            float[] features = new float[n];
            b.asFloatBuffer().get(features);
            b.position(b.position() + 4 * n);
            Label label = (flags & LABEL) != 0 ? getLabel(b, (flags & LABEL_REAL) != 0) : null;
            GroundTruth truth = null;
            if ((flags & TRUTH) != 0) {
                Label clean = getLabel(b, (flags & TRUTH_REAL) != 0);
                int phase = b.getInt();
                if (phase < 0) {
                    throw new SampleDecodeException(DecodeError.INVALID_VALUE, "phase must be >= 0, got " + phase);
                }
                truth = new GroundTruth(clean, (flags & NOISY) != 0, phase);
            }
            if (b.hasRemaining()) {
                throw new SampleDecodeException(DecodeError.MALFORMED, b.remaining() + " unexpected trailing bytes");
            }
            if (joined && label == null) {
                throw new SampleDecodeException(DecodeError.INVALID_VALUE, "a joined sample must have a label");
            }
            return new Sample(id, stream, ts, features, label, truth, index, joined);
        } catch (BufferUnderflowException e) {
            throw new SampleDecodeException(DecodeError.TRUNCATED, "record ends early at byte " + b.position(), e);
        }
    }

    private static String getString(ByteBuffer b) {
        int len = Short.toUnsignedInt(b.getShort());
        if (len > b.remaining()) {
            throw new BufferUnderflowException();
        }
        // straight from the record's array: no intermediate copy of the bytes
        String s = new String(b.array(), b.arrayOffset() + b.position(), len, StandardCharsets.UTF_8);
        b.position(b.position() + len);
        return s;
    }

    private static Label getLabel(ByteBuffer b, boolean real) {
        return real ? Label.ofTarget(b.getDouble()) : Label.ofClass(b.getInt());
    }
}
