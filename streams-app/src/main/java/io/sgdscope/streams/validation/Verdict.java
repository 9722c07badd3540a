package io.sgdscope.streams.validation;

import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.Sample;

/** The outcome of validating one raw record: a sample, a label record, or a reason with a message. */
public sealed interface Verdict {

    record Valid(Sample sample) implements Verdict {
    }

    record ValidLabel(LabelRecord label) implements Verdict {
    }

    record Invalid(DlqReason reason, String message) implements Verdict {
    }
}
