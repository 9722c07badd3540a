package io.sgdscope.ingest;

import io.sgdscope.common.LabelRecord;
import java.util.Objects;

/** What {@link LabelMapping#map} made of one record of a labels topic: a label, or a rejection for the DLQ. */
public sealed interface LabelOutcome permits LabelOutcome.Mapped, MappingOutcome.Rejected {

    /** The record became this label, to be joined onto its sample by id. */
    record Mapped(LabelRecord label) implements LabelOutcome {
        public Mapped {
            Objects.requireNonNull(label, "label");
        }
    }
}
