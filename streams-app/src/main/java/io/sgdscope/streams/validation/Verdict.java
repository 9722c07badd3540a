package io.sgdscope.streams.validation;

import io.sgdscope.common.Sample;

/** The outcome of validating one raw record: a sample, or a reason with a message. */
public sealed interface Verdict {

    record Valid(Sample sample) implements Verdict {
    }

    record Invalid(DlqReason reason, String message) implements Verdict {
    }
}
