package io.sgdscope.trainer.eval;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The confusion counts of the last {@code window} classified samples, against the observed label
 * and, for samples that carry their {@code GroundTruth}, the clean label: a ring of the window's
 * (observed, clean, predicted) triples and two k×k count arrays kept current, so an update is a
 * few array writes on the training thread. {@link #counts()} copies them for the metrics thread.
 * Not thread-safe.
 */
public final class ConfusionWindow {

    /** A clean label that is not known. */
    public static final int UNKNOWN = -1;

    private final int classes;
    private final int[] observedRing;
    private final int[] cleanRing;
    private final int[] predictedRing;
    private final long[] observed;
    private final long[] clean;
    private int next;
    private int filled;

    public ConfusionWindow(int classes, int window) {
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        this.classes = classes;
        this.observedRing = new int[window];
        this.cleanRing = new int[window];
        this.predictedRing = new int[window];
        this.observed = new long[classes * classes];
        this.clean = new long[classes * classes];
    }

    /**
     * Counts one scored sample, dropping the oldest once the window is full.
     *
     * @param cleanLabel the clean class, or {@link #UNKNOWN}
     */
    public void update(int observedLabel, int cleanLabel, int predicted) {
        check(observedLabel, "observed");
        check(predicted, "predicted");
        if (cleanLabel != UNKNOWN) {
            check(cleanLabel, "clean");
        }
        if (filled == observedRing.length) {
            observed[observedRing[next] * classes + predictedRing[next]]--;
            if (cleanRing[next] != UNKNOWN) {
                clean[cleanRing[next] * classes + predictedRing[next]]--;
            }
        } else {
            filled++;
        }
        observedRing[next] = observedLabel;
        cleanRing[next] = cleanLabel;
        predictedRing[next] = predicted;
        observed[observedLabel * classes + predicted]++;
        if (cleanLabel != UNKNOWN) {
            clean[cleanLabel * classes + predicted]++;
        }
        next = (next + 1) % observedRing.length;
    }

    private void check(int label, String what) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(what + " class " + label + " outside 0.." + (classes - 1));
        }
    }

    public int classes() {
        return classes;
    }

    /** Samples in the window. */
    public int size() {
        return filled;
    }

    /** A copy of the window's counts, for another thread. */
    public Counts counts() {
        return new Counts(classes, observed.clone(), clean.clone());
    }

    /**
     * Row-major k×k counts, {@code [actual*k + predicted]}, against the observed and the clean label.
     * Owned by whoever holds it: nobody else writes them.
     */
    public record Counts(int classes, long[] observed, long[] clean) {

        public ConfusionMatrix observedMatrix() {
            return ConfusionMatrix.ofClasses(classes, observed);
        }

        public ConfusionMatrix cleanMatrix() {
            return ConfusionMatrix.ofClasses(classes, clean);
        }
    }

    public void writeState(DataOutput out) throws IOException {
        out.writeInt(classes);
        out.writeInt(observedRing.length);
        out.writeInt(next);
        out.writeInt(filled);
        for (int i = 0; i < filled; i++) {
            out.writeInt(observedRing[i]);
            out.writeInt(cleanRing[i]);
            out.writeInt(predictedRing[i]);
        }
    }

    public void readState(DataInput in) throws IOException {
        int k = in.readInt();
        int window = in.readInt();
        if (k != classes || window != observedRing.length) {
            throw new IOException("saved confusion window is " + k + " classes x " + window + " samples, configured "
                    + classes + " x " + observedRing.length);
        }
        next = in.readInt();
        filled = in.readInt();
        java.util.Arrays.fill(observed, 0);
        java.util.Arrays.fill(clean, 0);
        for (int i = 0; i < filled; i++) {
            observedRing[i] = in.readInt();
            cleanRing[i] = in.readInt();
            predictedRing[i] = in.readInt();
            observed[observedRing[i] * classes + predictedRing[i]]++;
            if (cleanRing[i] != UNKNOWN) {
                clean[cleanRing[i] * classes + predictedRing[i]]++;
            }
        }
    }
}
