package io.sgdscope.common;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record of a stream. {@code label} is null while the label has not arrived yet;
 * {@code truth} is null for sources that do not know it.
 *
 * <p>The feature array is not copied, to keep the hot path allocation-free: callers must not
 * mutate it after construction.
 */
public record Sample(String id, String stream, long eventTimeMs, float[] features, Label label, GroundTruth truth) {

    public Sample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(features, "features");
    }

    public boolean isLabelled() {
        return label != null;
    }

    public int dimension() {
        return features.length;
    }

    public Sample withLabel(Label newLabel) {
        return new Sample(id, stream, eventTimeMs, features, newLabel, truth);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s
                && eventTimeMs == s.eventTimeMs
                && id.equals(s.id)
                && stream.equals(s.stream)
                && Arrays.equals(features, s.features)
                && Objects.equals(label, s.label)
                && Objects.equals(truth, s.truth);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, stream, eventTimeMs, Arrays.hashCode(features), label, truth);
    }

    @Override
    public String toString() {
        return "Sample[id=" + id + ", stream=" + stream + ", eventTimeMs=" + eventTimeMs
                + ", dimension=" + features.length + ", label=" + label + ", truth=" + truth + "]";
    }
}
