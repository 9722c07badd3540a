package io.sgdscope.common;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record of a stream. {@code label} is null while the label has not arrived yet;
 * {@code truth} is null for sources that do not know it.
 *
 * <p>{@code index} is the sample's 0-based position in its stream, in the numbering of
 * {@link DriftEvent#sampleIndex()}, or {@link #NO_INDEX} when the source does not know it (a
 * user's own topic). It is a field, never parsed from the id: ids are opaque.
 *
 * <p>{@code joined} is true when this label arrived after the sample, through the streams app's
 * delayed-label join: the same id was sent unlabelled before, and this is its labelled copy. A
 * sample that arrives labelled, or whose label was already waiting when it arrived, has
 * {@code joined == false}. An unlabelled sample is never joined.
 *
 * <p>The feature array is not copied, to keep the hot path allocation-free: callers must not
 * mutate it after construction.
 */
public record Sample(String id, String stream, long eventTimeMs, float[] features, Label label, GroundTruth truth,
                     long index, boolean joined) {

    /** The {@code index} of a sample whose position in its stream is not known. */
    public static final long NO_INDEX = -1;

    public Sample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(features, "features");
        if (index < NO_INDEX) {
            throw new IllegalArgumentException("index must be >= 0, or NO_INDEX (-1) when absent, got " + index);
        }
        if (joined && label == null) {
            throw new IllegalArgumentException("sample '" + id + "' is marked joined but has no label");
        }
    }

    /** A sample that is not the joined copy of an earlier unlabelled one. */
    public Sample(String id, String stream, long eventTimeMs, float[] features, Label label, GroundTruth truth,
                  long index) {
        this(id, stream, eventTimeMs, features, label, truth, index, false);
    }

    /** A sample whose position in its stream is not known. */
    public Sample(String id, String stream, long eventTimeMs, float[] features, Label label, GroundTruth truth) {
        this(id, stream, eventTimeMs, features, label, truth, NO_INDEX);
    }

    public boolean isLabelled() {
        return label != null;
    }

    public boolean hasIndex() {
        return index != NO_INDEX;
    }

    /** The sample's position in its stream, or {@code fallback} when it is not known. */
    public long indexOr(long fallback) {
        return index != NO_INDEX ? index : fallback;
    }

    public int dimension() {
        return features.length;
    }

    /** The same sample with another label, not marked joined (see {@link #joinedWith}). */
    public Sample withLabel(Label newLabel) {
        return new Sample(id, stream, eventTimeMs, features, newLabel, truth, index);
    }

    /** The labelled copy of this unlabelled sample, made when its label arrived later: marked {@code joined}. */
    public Sample joinedWith(Label newLabel) {
        return new Sample(id, stream, eventTimeMs, features, Objects.requireNonNull(newLabel, "label"), truth, index,
                true);
    }

    /** The same sample with other features, e.g. standardised ones; the array is not copied. */
    public Sample withFeatures(float[] newFeatures) {
        return new Sample(id, stream, eventTimeMs, newFeatures, label, truth, index, joined);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s
                && eventTimeMs == s.eventTimeMs
                && index == s.index
                && joined == s.joined
                && id.equals(s.id)
                && stream.equals(s.stream)
                && Arrays.equals(features, s.features)
                && Objects.equals(label, s.label)
                && Objects.equals(truth, s.truth);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, stream, eventTimeMs, Arrays.hashCode(features), label, truth, index, joined);
    }

    @Override
    public String toString() {
        return "Sample[id=" + id + ", stream=" + stream + ", index=" + (hasIndex() ? Long.toString(index) : "none")
                + ", eventTimeMs=" + eventTimeMs + ", dimension=" + features.length + ", label=" + label
                + (joined ? ", joined" : "") + ", truth=" + truth + "]";
    }
}
