package io.sgdscope.trainer.eval;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.model.Prediction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Prequential loss, accuracy and margin over a sliding window, split by whether label noise
 * changed the sample's label. Only samples that carry their {@code GroundTruth} count. A model
 * that memorises noise shows it here first: the noisy samples' accuracy (against their noisy
 * labels) climbs above chance while the clean samples' stays put. Not thread-safe.
 */
public final class LabelNoiseScores {

    /** One consistent view; NaN where no sample of that kind was seen. */
    public record Snapshot(double cleanAccuracy, double noisyAccuracy, double cleanLoss, double noisyLoss,
                           double cleanMargin, double noisyMargin, long noisySeen) {
        public static final Snapshot EMPTY = new Snapshot(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 0);
    }

    private final SlidingMean[] clean;
    private final SlidingMean[] noisy;
    private long noisySeen;

    public LabelNoiseScores(int window) {
        this.clean = scores(window);
        this.noisy = scores(window);
    }

    private static SlidingMean[] scores(int window) {
        return new SlidingMean[] {new SlidingMean(window), new SlidingMean(window), new SlidingMean(window)};
    }

    /** Scores a sample with the prediction and loss the evaluator's step gave it. */
    public void update(Sample sample, PrequentialOutcome outcome) {
        if (sample.truth() == null) {
            return;
        }
        SlidingMean[] s = sample.truth().noisy() ? noisy : clean;
        if (sample.truth().noisy()) {
            noisySeen++;
        }
        Prediction p = outcome.prediction();
        s[1].update(outcome.loss());
        if (!p.isRegression() && sample.label() instanceof Label.ClassIndex y) {
            s[0].update(p.predictedClass() == y.index() ? 1 : 0);
            s[2].update(p.margin(y.index()));
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(clean[0].value(), noisy[0].value(), clean[1].value(), noisy[1].value(),
                clean[2].value(), noisy[2].value(), noisySeen);
    }

    public void writeState(DataOutput out) throws IOException {
        for (SlidingMean m : clean) {
            m.writeState(out);
        }
        for (SlidingMean m : noisy) {
            m.writeState(out);
        }
        out.writeLong(noisySeen);
    }

    public void readState(DataInput in) throws IOException {
        for (SlidingMean m : clean) {
            m.readState(in);
        }
        for (SlidingMean m : noisy) {
            m.readState(in);
        }
        noisySeen = in.readLong();
    }
}
