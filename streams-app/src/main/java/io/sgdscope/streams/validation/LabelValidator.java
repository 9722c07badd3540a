package io.sgdscope.streams.validation;

import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.codec.JsonLabelCodec;
import io.sgdscope.common.codec.SampleDecodeException;

/**
 * Decodes a {@code labels.raw} record and checks it against its stream's schema, in the checks'
 * fixed order (parse, finite, timestamp, label range); the first that fails names the DLQ reason.
 * It runs in validation's task, beside the {@link SampleValidator}, with the same
 * {@link SchemaBook}: a label that passes fixes a stream's still-learned task exactly as a labelled
 * sample would, so the stream's samples and labels cannot learn two different tasks.
 */
public final class LabelValidator {

    /** Stateless, so shared by the stream threads that compute {@link #streamKey}. */
    private static final JsonLabelCodec KEY_CODEC = new JsonLabelCodec();

    private final JsonLabelCodec codec = new JsonLabelCodec();
    private final SampleValidator timestamps;

    /** @param timestamps its event-time check is the one labels get too */
    public LabelValidator(SampleValidator timestamps) {
        this.timestamps = timestamps;
    }

    /**
     * The key a {@code labels.raw} record is repartitioned by on its way to validation: its stream,
     * so that it meets the task that owns the stream's schema whatever key its producer gave it. A
     * label that does not decode keeps its key (the empty string for none) and reaches the DLQ from
     * whichever task gets it.
     */
    public static String streamKey(byte[] labelBytes, String key) {
        try {
            return KEY_CODEC.decode(labelBytes).stream();
        } catch (RuntimeException e) { // SampleDecodeException, or anything a malformed record may throw
            return key == null ? "" : key;
        }
    }

    /** @param recordTimestampMs the Kafka timestamp of the record, the reference for the event-time check */
    public Verdict validate(byte[] raw, long recordTimestampMs, SchemaBook schemas) {
        LabelRecord label;
        try {
            label = codec.decode(raw);
        } catch (SampleDecodeException e) {
            return new Verdict.Invalid(DlqReason.of(e.error(), false), e.getMessage());
        }
        if (!Double.isFinite(label.label().asDouble())) {
            return new Verdict.Invalid(DlqReason.NON_FINITE, "label is " + label.label().asDouble());
        }
        String problem = timestamps.timestampProblem(label.eventTimeMs(), recordTimestampMs);
        if (problem != null) {
            return new Verdict.Invalid(DlqReason.BAD_TIMESTAMP, problem);
        }
        problem = schemas.labelProblem(label.stream(), label.label());
        if (problem != null) {
            return new Verdict.Invalid(DlqReason.LABEL_OUT_OF_RANGE, problem);
        }
        schemas.learnTaskFrom(label.stream(), label.label());
        return new Verdict.ValidLabel(label);
    }
}
