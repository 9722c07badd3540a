package io.sgdscope.streams.validation;

import io.sgdscope.common.codec.DecodeError;
import java.util.Locale;

/** Why a record went to {@code samples.dlq}. The tag values form a small fixed set. */
public enum DlqReason {
    MALFORMED_JSON,
    MISSING_FIELD,
    WRONG_TYPE,
    UNSUPPORTED_VERSION,
    EMPTY_PAYLOAD,
    NON_FINITE,
    WRONG_DIMENSION,
    /** A field too long for the internal binary format. */
    TOO_LARGE,
    /** Passed every check but could not be re-encoded; a bug, routed here so it cannot block the stream. */
    UNENCODABLE;

    /** The value of the reason header and of the {@code reason} metric tag. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DlqReason of(DecodeError error) {
        return switch (error) {
            case MALFORMED, TRUNCATED -> MALFORMED_JSON;
            case MISSING_FIELD -> MISSING_FIELD;
            case WRONG_TYPE, INVALID_VALUE -> WRONG_TYPE;
            case UNSUPPORTED_VERSION -> UNSUPPORTED_VERSION;
            case EMPTY -> EMPTY_PAYLOAD;
        };
    }
}
