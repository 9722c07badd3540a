package io.sgdscope.ingest;

/**
 * A record the mapping cannot use, thrown inside the mapping and turned into a
 * {@link MappingOutcome.Rejected} by {@link CompiledMapping#map}: it never leaves the package. Stackless.
 */
final class MappingFailure extends RuntimeException {

    final IngestFailure failure;

    MappingFailure(IngestFailure failure, String detail) {
        super(detail, null, false, false);
        this.failure = failure;
    }

    MappingOutcome.Rejected rejected() {
        return new MappingOutcome.Rejected(failure, getMessage());
    }
}
