package io.sgdscope.trainer;

import io.sgdscope.trainer.drift.DriftMonitor;
import io.sgdscope.trainer.eval.LabelDelayScores;
import io.sgdscope.trainer.eval.LabelNoiseScores;
import io.sgdscope.trainer.eval.PrequentialSnapshot;
import io.sgdscope.trainer.insight.InsightReport;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the training thread publishes about one model (a variant on a stream) for readers on
 * other threads. Replaced whole, so a reader never mixes values from different moments.
 */
public final class ModelStats {

    /**
     * One consistent view of a model's progress. The {@code prequential} scores are of feature-time
     * predictions; {@code labelDelay} holds the pending predictions and the label-time scores.
     */
    public record Snapshot(long trained, long steps, long divergences, double learningRate, double loss,
                           double gradientNorm, double updateNorm, PrequentialSnapshot prequential,
                           double lossEwma, long lossSpikes, LabelNoiseScores.Snapshot noise,
                           List<DriftMonitor.DetectorState> detectors, long truthEvents, long lastTruthTimeMs,
                           LabelDelayScores labelDelay) {
        public static final Snapshot EMPTY = new Snapshot(0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                PrequentialSnapshot.EMPTY, Double.NaN, 0, LabelNoiseScores.Snapshot.EMPTY, List.of(), 0, -1,
                LabelDelayScores.EMPTY);

        public Snapshot {
            detectors = List.copyOf(detectors);
            Objects.requireNonNull(labelDelay, "labelDelay");
        }

        /** A snapshot of a model that has seen no delayed label. */
        public Snapshot(long trained, long steps, long divergences, double learningRate, double loss,
                        double gradientNorm, double updateNorm, PrequentialSnapshot prequential,
                        double lossEwma, long lossSpikes, LabelNoiseScores.Snapshot noise,
                        List<DriftMonitor.DetectorState> detectors, long truthEvents, long lastTruthTimeMs) {
            this(trained, steps, divergences, learningRate, loss, gradientNorm, updateNorm, prequential, lossEwma,
                    lossSpikes, noise, detectors, truthEvents, lastTruthTimeMs, LabelDelayScores.EMPTY);
        }
    }

    /** What the model is, for binders that register a meter per layer, per detector or per class pair; classes 0 for regression. */
    public record Shape(int layers, List<String> detectors, int classes) {
        public static final Shape NONE = new Shape(0, List.of());

        public Shape {
            detectors = List.copyOf(detectors);
        }

        /** The shape of a model whose classes no meter needs (a regression, or before classification metrics). */
        public Shape(int layers, List<String> detectors) {
            this(layers, detectors, 0);
        }
    }

    private final String model;
    private final String stream;
    private final Shape shape;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile InsightReport insight;
    private final List<LatencyListener> latency = new CopyOnWriteArrayList<>();

    public ModelStats(String model, String stream, Shape shape) {
        this.model = model;
        this.stream = stream;
        this.shape = shape;
    }

    public Shape shape() {
        return shape;
    }

    /** The newest metrics report, or null before the first. */
    public InsightReport insight() {
        return insight;
    }

    public void publishInsight(InsightReport r) {
        insight = r;
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

    /** Adds a listener told each sample's produce-to-predicted and produce-to-trained latency, e.g. a histogram. */
    public void onLatency(LatencyListener listener) {
        latency.add(listener);
    }

    /** The training thread's: a sample this model predicted {@code millis} after it was produced. */
    public void recordPredicted(long millis) {
        long ms = Math.max(0, millis);
        for (LatencyListener l : latency) {
            l.predicted(ms);
        }
    }

    /** The training thread's: a sample this model learned {@code millis} after it was produced. */
    public void recordTrained(long millis) {
        long ms = Math.max(0, millis);
        for (LatencyListener l : latency) {
            l.trained(ms);
        }
    }
}
