package io.sgdscope.trainer.eval;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.model.OnlineLearner;
import io.sgdscope.trainer.model.Prediction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Test-then-train: every sample is scored by the model as it was before seeing it, then learned.
 * Classifiers are scored by accuracy and log loss, regressors by squared error. Samples that
 * carry their clean label are also scored against it. Not thread-safe; the training thread owns
 * it and publishes {@link #snapshot()}s.
 */
public final class PrequentialEvaluator {

    /** Log loss is capped here so one confident mistake cannot dominate a window. */
    static final double MIN_PROBABILITY = Prediction.MIN_PROBABILITY;

    private final OnlineLearner learner;
    private final WindowedScore accuracy;
    private final WindowedScore loss;
    private final WindowedScore cleanAccuracy;

    public PrequentialEvaluator(OnlineLearner learner, int window, double fadingFactor) {
        this.learner = learner;
        this.accuracy = new WindowedScore(window, fadingFactor);
        this.loss = new WindowedScore(window, fadingFactor);
        this.cleanAccuracy = new WindowedScore(window, fadingFactor);
    }

    /**
     * Predicts, scores and then learns one labelled sample.
     *
     * @return the prediction, its score, and whether learning took an optimizer step
     *
     * @throws IllegalArgumentException if the sample has no label, or one the model cannot use
     */
    public PrequentialOutcome step(Sample sample) {
        return step(sample, learner.predict(sample), PrequentialOutcome.Scored.AT_ARRIVAL);
    }

    /**
     * Scores a prediction of a labelled sample, made now or when its features arrived, then learns
     * the sample. Every accuracy and loss here is the score of that prediction.
     *
     * @throws IllegalArgumentException if the sample has no label, or one the model cannot use
     */
    public PrequentialOutcome step(Sample sample, Prediction p, PrequentialOutcome.Scored scored) {
        Score s = score(sample, p);
        loss.update(s.loss());
        if (!p.isRegression()) {
            accuracy.update(1 - s.error());
            if (sample.truth() != null) {
                cleanAccuracy.update(p.predictedClass() == (int) sample.truth().cleanLabel().asDouble() ? 1 : 0);
            }
        }
        return new PrequentialOutcome(p, s.loss(), s.error(), learner.learn(sample), scored);
    }

    /** How one prediction scores against a sample's label: see {@link PrequentialOutcome}'s loss and error. */
    public record Score(double loss, double error) {
    }

    /**
     * Scores without recording anything.
     *
     * @throws IllegalArgumentException if the sample has no label, or one the model cannot use
     */
    public static Score score(Sample sample, Prediction p) {
        Label label = sample.label();
        if (label == null) {
            throw new IllegalArgumentException("sample " + sample.id() + " has no label");
        }
        if (p.isRegression()) {
            double err = p.value() - label.asDouble();
            return new Score(err * err, err * err);
        }
        int y = classOf(sample, label, p);
        return new Score(-Math.log(Math.max(p.probabilityOf(y), MIN_PROBABILITY)), p.predictedClass() == y ? 0 : 1);
    }

    private static int classOf(Sample sample, Label label, Prediction p) {
        if (!(label instanceof Label.ClassIndex y)) {
            throw new IllegalArgumentException("sample " + sample.id() + " has no class label: " + label);
        }
        if (y.index() < 0 || y.index() >= p.probabilities().length) {
            throw new IllegalArgumentException("sample " + sample.id() + " has class " + y.index()
                    + ", outside the model's " + p.probabilities().length + " classes");
        }
        return y.index();
    }

    /** Samples scored so far. */
    public long samples() {
        return loss.count();
    }

    public PrequentialSnapshot snapshot() {
        return new PrequentialSnapshot(loss.count(),
                accuracy.cumulative(), accuracy.sliding(), accuracy.fading(),
                loss.cumulative(), loss.sliding(), loss.fading(),
                cleanAccuracy.sliding());
    }

    public void writeState(DataOutput out) throws IOException {
        accuracy.writeState(out);
        loss.writeState(out);
        cleanAccuracy.writeState(out);
    }

    public void readState(DataInput in) throws IOException {
        accuracy.readState(in);
        loss.readState(in);
        cleanAccuracy.readState(in);
    }
}
