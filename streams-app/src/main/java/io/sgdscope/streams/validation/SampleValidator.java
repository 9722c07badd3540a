package io.sgdscope.streams.validation;

import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.BinarySampleCodec;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.codec.SampleDecodeException;
import io.sgdscope.streams.StreamSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Decodes a raw record (JSON, or binary when it starts with the binary codec's magic byte) and
 * runs every check in a fixed order; the first that fails names the DLQ reason. The per-stream
 * expectations come from a {@link SchemaBook}; a record that passes every check teaches it the
 * parts of the schema that are still to be learned.
 */
public final class SampleValidator {

    private final JsonSampleCodec json = new JsonSampleCodec();
    private final BinarySampleCodec binary = new BinarySampleCodec();
    private final int maxRecordBytes;
    private final long maxFutureMs;
    private final long maxAgeMs;

    /** @param maxAge zero switches the age check off */
    public SampleValidator(int maxRecordBytes, Duration maxFuture, Duration maxAge) {
        this.maxRecordBytes = maxRecordBytes;
        this.maxFutureMs = maxFuture.toMillis();
        this.maxAgeMs = maxAge.toMillis();
    }

    /**
     * @param recordTimestampMs the Kafka timestamp of the record, the reference for the event-time checks
     */
    public Verdict validate(byte[] raw, long recordTimestampMs, SchemaBook schemas) {
        if (raw == null || raw.length == 0) {
            return new Verdict.Invalid(DlqReason.EMPTY_PAYLOAD, "empty payload");
        }
        if (raw.length > maxRecordBytes) {
            return new Verdict.Invalid(DlqReason.TOO_LARGE,
                    "record is " + raw.length + " bytes; the limit (streams.max-record-bytes) is " + maxRecordBytes);
        }
        boolean isBinary = raw[0] == BinarySampleCodec.MAGIC;
        Sample s;
        try {
            s = isBinary ? binary.decode(raw) : json.decode(raw);
        } catch (SampleDecodeException e) {
            return new Verdict.Invalid(DlqReason.of(e.error(), isBinary), e.getMessage());
        }
        String tooLong = tooLong("id", s.id());
        if (tooLong == null) {
            tooLong = tooLong("stream", s.stream());
        }
        if (tooLong != null) {
            return new Verdict.Invalid(DlqReason.TOO_LARGE, tooLong);
        }
        String timeProblem = timestampProblem(s.eventTimeMs(), recordTimestampMs);
        if (timeProblem != null) {
            return new Verdict.Invalid(DlqReason.BAD_TIMESTAMP, timeProblem);
        }
        StreamSchema schema = schemas.schemaFor(s.stream());
        if (schema.dimension() != StreamSchema.LEARN_DIMENSION && s.dimension() != schema.dimension()) {
            return new Verdict.Invalid(DlqReason.WRONG_DIMENSION,
                    "expected " + schema.dimension() + " features for stream '" + s.stream() + "', got " + s.dimension());
        }
        if (s.dimension() == 0) {
            return new Verdict.Invalid(DlqReason.WRONG_DIMENSION, "features is empty");
        }
        float[] x = s.features();
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                return new Verdict.Invalid(DlqReason.NON_FINITE, "features[" + i + "] is " + x[i]);
            }
        }
        if (s.label() != null) {
            if (!Double.isFinite(s.label().asDouble())) {
                return new Verdict.Invalid(DlqReason.NON_FINITE, "label is " + s.label().asDouble());
            }
            String labelProblem = schemas.labelProblem(s.stream(), s.label());
            if (labelProblem != null) {
                return new Verdict.Invalid(DlqReason.LABEL_OUT_OF_RANGE, labelProblem);
            }
        }
        schemas.learnFrom(s.stream(), s.dimension(), s.label());
        return new Verdict.Valid(s);
    }

    /** Null if {@code value} fits the binary format's string field; a char is at most 3 UTF-8 bytes. */
    private static String tooLong(String field, String value) {
        if (value.length() * 3 <= BinarySampleCodec.MAX_STRING_BYTES) {
            return null;
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        return bytes > BinarySampleCodec.MAX_STRING_BYTES
                ? field + " is " + bytes + " UTF-8 bytes; the limit is " + BinarySampleCodec.MAX_STRING_BYTES
                : null;
    }

    /** Null if {@code eventTimeMs} is sane against the record's Kafka timestamp, else why not. */
    public String timestampProblem(long eventTimeMs, long recordTimestampMs) {
        if (eventTimeMs < 0) {
            return "ts " + eventTimeMs + " is negative";
        }
        if (recordTimestampMs >= 0 && eventTimeMs - recordTimestampMs > maxFutureMs) {
            return "ts " + eventTimeMs + " is " + (eventTimeMs - recordTimestampMs) + " ms after the record's timestamp "
                    + recordTimestampMs + "; the limit (streams.timestamp.max-future) is " + maxFutureMs + " ms";
        }
        if (maxAgeMs > 0 && recordTimestampMs >= 0 && recordTimestampMs - eventTimeMs > maxAgeMs) {
            return "ts " + eventTimeMs + " is " + (recordTimestampMs - eventTimeMs) + " ms before the record's timestamp "
                    + recordTimestampMs + "; the limit (streams.timestamp.max-age) is " + maxAgeMs + " ms";
        }
        return null;
    }
}
