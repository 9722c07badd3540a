package io.sgdscope.common.codec;

import io.sgdscope.common.Sample;

/** Turns samples into bytes and back. Implementations are stateless and thread-safe. */
public interface SampleCodec {

    byte[] encode(Sample sample);

    /** @throws SampleDecodeException naming the reason when the bytes are not a valid record */
    Sample decode(byte[] bytes);

    /**
     * {@link #decode(byte[])} of the buffer's remaining bytes, without moving its position: what a
     * Kafka consumer hands over without copying a record out of its fetch. This default copies them.
     */
    default Sample decodeBuffer(java.nio.ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return decode(copy);
    }
}
