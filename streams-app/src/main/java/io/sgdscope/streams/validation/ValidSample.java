package io.sgdscope.streams.validation;

import io.sgdscope.common.Sample;

/** A valid sample still waiting for its label, with its original bytes in case it must go to the DLQ later. */
public record ValidSample(Sample sample, byte[] original) {
}
