package io.sgdscope.common.codec;

/** A record that cannot be decoded; {@link #error()} says why in a form fit for a metric tag. */
public final class SampleDecodeException extends RuntimeException {
    private final DecodeError error;

    public SampleDecodeException(DecodeError error, String message) {
        super(message);
        this.error = error;
    }

    public SampleDecodeException(DecodeError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public DecodeError error() {
        return error;
    }
}
