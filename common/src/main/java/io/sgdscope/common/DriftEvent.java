package io.sgdscope.common;

import java.util.Arrays;
import java.util.Objects;

/**
 * Ground truth of a distribution shift, published on {@code drift.truth} keyed by stream when a
 * scenario phase begins (and a {@link Kind#START} event when a stream begins).
 *
 * <p>{@code sampleIndex} is the 0-based index, within the stream, of the first sample the new
 * phase may produce. For a {@link Transition#GRADUAL} or {@link Transition#INCREMENTAL} change the
 * new phase takes over between {@code gradualStartIndex} and {@code gradualEndIndex}; otherwise
 * both equal {@code sampleIndex}. {@code teacherWeights} is the ground-truth teacher in effect
 * after the change (β* for sparse regression, the hyperplane normal for a linear teacher), or null
 * when the source has none. The array is not copied: callers must not mutate it.
 */
public record DriftEvent(String stream, long sampleIndex, long timeMs, Kind kind, int phase,
                         Transition transition, long gradualStartIndex, long gradualEndIndex,
                         float[] teacherWeights) {

    /**
     * What changed. A phase that changes several things reports the first of CONCEPT, SPURIOUS,
     * PRIOR, COVARIATE, NOISE that applies.
     */
    public enum Kind {
        /** The stream began; phase 0. */
        START,
        /** P(x) changed: mean shift, scale or rotation of the inputs. */
        COVARIATE,
        /** P(y) changed: new class probabilities. */
        PRIOR,
        /** P(y|x) changed: new teacher, rotated teacher, another SEA function. */
        CONCEPT,
        /** The strength of a spurious feature's correlation with the label changed. */
        SPURIOUS,
        /** Only the label noise changed. */
        NOISE,
        /** Nothing but the phase id changed. */
        NONE
    }

    /** How the new phase takes over. */
    public enum Transition { ABRUPT, GRADUAL, INCREMENTAL, RECURRING }

    public DriftEvent {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(transition, "transition");
        if (sampleIndex < 0) {
            throw new IllegalArgumentException("sampleIndex must be >= 0, got " + sampleIndex);
        }
        if (phase < 0) {
            throw new IllegalArgumentException("phase must be >= 0, got " + phase);
        }
        if (gradualStartIndex > gradualEndIndex) {
            throw new IllegalArgumentException("gradualStartIndex " + gradualStartIndex + " > gradualEndIndex " + gradualEndIndex);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriftEvent e
                && sampleIndex == e.sampleIndex && timeMs == e.timeMs && phase == e.phase
                && gradualStartIndex == e.gradualStartIndex && gradualEndIndex == e.gradualEndIndex
                && stream.equals(e.stream) && kind == e.kind && transition == e.transition
                && Arrays.equals(teacherWeights, e.teacherWeights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, sampleIndex, timeMs, kind, phase, transition, gradualStartIndex, gradualEndIndex,
                Arrays.hashCode(teacherWeights));
    }

    @Override
    public String toString() {
        return "DriftEvent[stream=" + stream + ", sampleIndex=" + sampleIndex + ", timeMs=" + timeMs + ", kind=" + kind
                + ", phase=" + phase + ", transition=" + transition + ", gradual=[" + gradualStartIndex + ", "
                + gradualEndIndex + "], teacher=" + (teacherWeights == null ? "none" : teacherWeights.length + " weights") + "]";
    }
}
