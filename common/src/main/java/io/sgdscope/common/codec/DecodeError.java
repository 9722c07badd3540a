package io.sgdscope.common.codec;

/** Why bytes could not be turned into a {@link io.sgdscope.common.Sample}. */
public enum DecodeError {
    /** Not parseable at all: broken JSON, wrong magic byte. */
    MALFORMED,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field has the wrong JSON type, e.g. a string where a number belongs. */
    WRONG_TYPE,
    /** A value that cannot be represented, e.g. a negative length or a non-integral class index. */
    INVALID_VALUE,
    /** The binary record ends before its declared content. */
    TRUNCATED,
    /** A format version this build does not read. */
    UNSUPPORTED_VERSION,
    /** Null or empty payload. */
    EMPTY
}
