package io.sgdscope.ingest;

import io.sgdscope.common.Sample;
import java.util.Objects;

/** What {@link CompiledMapping#map} made of one foreign record: a sample, or a rejection for the DLQ. */
public sealed interface MappingOutcome permits MappingOutcome.Mapped, MappingOutcome.Rejected {

    /** The record became this sample. */
    record Mapped(Sample sample) implements MappingOutcome {
        public Mapped {
            Objects.requireNonNull(sample, "sample");
        }
    }

    /**
     * The record goes to the DLQ with {@code failure.code()} as its reason and {@code detail} (naming
     * the field) as its message. Also the rejection of a {@link LabelMapping}.
     */
    record Rejected(IngestFailure failure, String detail) implements MappingOutcome, LabelOutcome {
        public Rejected {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
