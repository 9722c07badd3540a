package io.sgdscope.trainer;

import io.sgdscope.trainer.eval.PrequentialSnapshot;

/**
 * What the training thread publishes about one model (a variant on a stream) for readers on
 * other threads. Replaced whole, so a reader never mixes values from different moments.
 */
public final class ModelStats {

    /** One consistent view of a model's progress. */
    public record Snapshot(long trained, long steps, long divergences, double learningRate, double loss,
                           double gradientNorm, double updateNorm, PrequentialSnapshot prequential) {
        public static final Snapshot EMPTY = new Snapshot(0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                PrequentialSnapshot.EMPTY);
    }

    private final String model;
    private final String stream;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    public ModelStats(String model, String stream) {
        this.model = model;
        this.stream = stream;
    }

    public String model() {
        return model;
    }

    public String stream() {
        return stream;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public void publish(Snapshot s) {
        snapshot = s;
    }
}
