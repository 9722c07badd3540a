package io.sgdscope.streams.wiring;

import io.sgdscope.common.Sample;

/**
 * What the label join reads: an unlabelled sample from validation, or a label record from
 * {@code labels.raw}. It lives here, outside both {@code validation} and {@code join}, so that
 * validation can produce it without depending on the join.
 */
public sealed interface JoinInput {

    /** A valid sample waiting for its label, with its original bytes in case it must go to the DLQ later. */
    record UnlabelledSample(Sample sample, byte[] original) implements JoinInput {
    }

    /**
     * A label record as read from {@code labels.raw}, still undecoded (possibly null or empty): the
     * join decodes and checks it, so a bad one reaches the DLQ with its bytes unchanged.
     */
    record RawLabel(byte[] bytes) implements JoinInput {
    }
}
