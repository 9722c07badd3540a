package io.sgdscope.trainer.eval;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.model.OnlineLearner;
import io.sgdscope.trainer.model.Prediction;

/**
 * Test-then-train: every sample is scored by the model as it was before seeing it, then learned.
 * Not thread-safe; the training thread owns it and publishes {@link #snapshot()}s.
 */
public final class PrequentialEvaluator {

    /** Log loss is capped here so one confident mistake cannot dominate a window. */
    static final double MIN_PROBABILITY = 1e-15;

    private final OnlineLearner learner;
    private final Mean accuracy = new Mean();
    private final SlidingMean slidingAccuracy;
    private final FadingMean fadingAccuracy;
    private final Mean loss = new Mean();
    private final SlidingMean slidingLoss;
    private final FadingMean fadingLoss;

    public PrequentialEvaluator(OnlineLearner learner, int window, double fadingFactor) {
        this.learner = learner;
        this.slidingAccuracy = new SlidingMean(window);
        this.slidingLoss = new SlidingMean(window);
        this.fadingAccuracy = new FadingMean(fadingFactor);
        this.fadingLoss = new FadingMean(fadingFactor);
    }

    /**
     * Scores and then learns one labelled sample.
     *
     * @throws IllegalArgumentException if the sample has no class label or one the model lacks
     */
    public void step(Sample sample) {
        if (!(sample.label() instanceof Label.ClassIndex y)) {
            throw new IllegalArgumentException("sample " + sample.id() + " has no class label: " + sample.label());
        }
        Prediction p = learner.predict(sample);
        if (y.index() < 0 || y.index() >= p.probabilities().length) {
            throw new IllegalArgumentException("sample " + sample.id() + " has class " + y.index()
                    + ", outside the model's " + p.probabilities().length + " classes");
        }
        double correct = p.predictedClass() == y.index() ? 1 : 0;
        double logLoss = -Math.log(Math.max(p.probabilityOf(y.index()), MIN_PROBABILITY));
        accuracy.update(correct);
        slidingAccuracy.update(correct);
        fadingAccuracy.update(correct);
        loss.update(logLoss);
        slidingLoss.update(logLoss);
        fadingLoss.update(logLoss);
        learner.learn(sample);
    }

    public PrequentialSnapshot snapshot() {
        return new PrequentialSnapshot(accuracy.count(),
                accuracy.value(), slidingAccuracy.value(), fadingAccuracy.value(),
                loss.value(), slidingLoss.value(), fadingLoss.value());
    }
}
