package io.sgdscope.ingest;

/** Bytes a {@link RecordFormat} cannot turn into a tree, with the DLQ reason. Stackless: it is expected, not a bug. */
public final class IngestDecodeException extends Exception {

    private final IngestFailure failure;

    public IngestDecodeException(IngestFailure failure, String detail) {
        super(detail, null, false, false);
        this.failure = java.util.Objects.requireNonNull(failure, "failure");
    }

    public IngestFailure failure() {
        return failure;
    }
}
