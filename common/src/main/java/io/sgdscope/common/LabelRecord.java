package io.sgdscope.common;

import java.util.Objects;

/**
 * A label that arrives after its sample, on {@code labels.raw}, keyed by sample id. {@code eventTimeMs}
 * is when the label became known (a fraud confirmed, a click seen), so {@code eventTimeMs} minus the
 * sample's event time is the label delay.
 */
public record LabelRecord(String sampleId, String stream, Label label, long eventTimeMs) {
    public LabelRecord {
        Objects.requireNonNull(sampleId, "sampleId");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(label, "label");
    }
}
