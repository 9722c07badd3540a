package io.sgdscope.common.codec;

import io.sgdscope.common.Sample;

/** Turns samples into bytes and back. Implementations are stateless and thread-safe. */
public interface SampleCodec {

    byte[] encode(Sample sample);

    /** @throws SampleDecodeException naming the reason when the bytes are not a valid record */
    Sample decode(byte[] bytes);
}
