package io.sgdscope.streams.validation;

import io.sgdscope.common.codec.DecodeError;
import java.util.Locale;

/**
 * Why a record went to {@code samples.dlq}: one code per check. The tag values form a small fixed
 * set; {@code streams-app/README.md} lists them all with their meaning.
 */
public enum DlqReason {
    MALFORMED_JSON,
    /** A record starting with the binary magic byte that does not decode as the binary codec. */
    MALFORMED_BINARY,
    MISSING_FIELD,
    WRONG_TYPE,
    UNSUPPORTED_VERSION,
    EMPTY_PAYLOAD,
    NON_FINITE,
    WRONG_DIMENSION,
    /** A class index outside the stream's task, or a label of the wrong kind (class vs target). */
    LABEL_OUT_OF_RANGE,
    /** The record is larger than {@code streams.max-record-bytes}, or a field too long for the binary format. */
    TOO_LARGE,
    /** The event time is negative, too far ahead of or too far behind the record's Kafka timestamp. */
    BAD_TIMESTAMP,
    /** An unlabelled sample whose id is already waiting for its label. */
    DUPLICATE_ID,
    /** A second label for a sample id that already has one waiting. */
    DUPLICATE_LABEL,
    /** A label whose sample did not arrive within the join window. */
    ORPHAN_LABEL;

    /** The value of the reason header and of the {@code reason} metric tag. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DlqReason of(DecodeError error, boolean binary) {
        return switch (error) {
            case MALFORMED, TRUNCATED -> binary ? MALFORMED_BINARY : MALFORMED_JSON;
            case MISSING_FIELD -> MISSING_FIELD;
            case WRONG_TYPE, INVALID_VALUE -> WRONG_TYPE;
            case UNSUPPORTED_VERSION -> UNSUPPORTED_VERSION;
            case EMPTY -> EMPTY_PAYLOAD;
        };
    }
}
