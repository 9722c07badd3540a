package io.sgdscope.producers.sink;

/** A send that failed for good (retries exhausted or a non-retriable error). */
public final class SinkException extends RuntimeException {
    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
