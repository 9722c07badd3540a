package io.sgdscope.trainer.eval;

import io.sgdscope.common.Sample;
import io.sgdscope.trainer.model.OnlineLearner;
import io.sgdscope.trainer.model.Prediction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Prequential evaluation when labels can come after their samples, the way River's
 * {@code progressive_val_score(moment, delay)} and MOA's {@code EvaluatePrequentialDelayed} do it:
 * a sample is predicted when its features arrive, and that prediction is scored when its label
 * arrives, just before the model learns it.
 * <ul>
 *   <li>An unlabelled sample is predicted and the prediction held in {@link PendingPredictions}.</li>
 *   <li>A labelled sample whose prediction is held is scored on it ({@link PrequentialOutcome.Scored#ON_TIME}).
 *       The held prediction is looked up by id whatever the sample's {@code joined} flag says, so a
 *       producer that does not set the flag still gets honest scores.</li>
 *   <li>A joined sample whose prediction is not held (evicted, or sent before this model started)
 *       is scored on a prediction made now ({@link PrequentialOutcome.Scored#LATE}).</li>
 *   <li>Any other labelled sample is predicted, scored and learned at once ({@link PrequentialOutcome.Scored#AT_ARRIVAL}).</li>
 * </ul>
 * Every labelled sample is also predicted at label time, which is what the label-time scores
 * show: their gap to the prequential ones is what the delay costs. That prediction comes right
 * before learning, so at batch 1 learning reuses its forward pass. Not thread-safe.
 */
public final class DelayedEvaluation {

    private final OnlineLearner learner;
    private final PrequentialEvaluator evaluator;
    private final PendingPredictions pending;
    private final SlidingMean labelTimeAccuracy;
    private final SlidingMean labelTimeLoss;
    private long onTime;
    private long lateScored;

    public DelayedEvaluation(OnlineLearner learner, PrequentialEvaluator evaluator, PendingLimits limits, int window) {
        this.learner = learner;
        this.evaluator = evaluator;
        this.pending = new PendingPredictions(limits);
        this.labelTimeAccuracy = new SlidingMean(window);
        this.labelTimeLoss = new SlidingMean(window);
    }

    /** Predicts a sample whose label has not arrived, and holds the prediction until it does. */
    public Prediction predict(Sample unlabelled) {
        Prediction p = learner.predict(unlabelled);
        pending.hold(unlabelled.id(), unlabelled.eventTimeMs(), p);
        return p;
    }

    /**
     * Scores a labelled sample on its feature-time prediction, then learns it.
     *
     * @throws IllegalArgumentException if the sample has no label, or one the model cannot use; then
     *                                  nothing changes, and its held prediction stays held
     */
    public PrequentialOutcome step(Sample labelled) {
        Prediction now = learner.predict(labelled);
        PrequentialEvaluator.Score atLabelTime = PrequentialEvaluator.score(labelled, now);
        PendingPredictions.Held held = pending.take(labelled.id());
        PrequentialOutcome.Scored scored;
        Prediction featureTime;
        if (held != null) {
            scored = PrequentialOutcome.Scored.ON_TIME;
            featureTime = held.prediction();
            onTime++;
        } else if (labelled.joined()) {
            scored = PrequentialOutcome.Scored.LATE;
            featureTime = now;
            lateScored++;
        } else {
            scored = PrequentialOutcome.Scored.AT_ARRIVAL;
            featureTime = now;
        }
        labelTimeLoss.update(atLabelTime.loss());
        if (!now.isRegression()) {
            labelTimeAccuracy.update(1 - atLabelTime.error());
        }
        PrequentialOutcome outcome = evaluator.step(labelled, featureTime, scored);
        pending.advanceTo(labelled.eventTimeMs());
        return outcome;
    }

    public LabelDelayScores snapshot() {
        return new LabelDelayScores(pending.size(), pending.oldestAgeSeconds(), onTime, lateScored, pending.evicted(),
                labelTimeAccuracy.value(), labelTimeLoss.value());
    }

    public void writeState(DataOutput out) throws IOException {
        out.writeLong(onTime);
        out.writeLong(lateScored);
        labelTimeAccuracy.writeState(out);
        labelTimeLoss.writeState(out);
        pending.writeState(out);
    }

    public void readState(DataInput in) throws IOException {
        onTime = in.readLong();
        lateScored = in.readLong();
        labelTimeAccuracy.readState(in);
        labelTimeLoss.readState(in);
        pending.readState(in);
    }
}
