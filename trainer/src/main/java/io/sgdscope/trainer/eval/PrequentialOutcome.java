package io.sgdscope.trainer.eval;

import io.sgdscope.trainer.model.LearnOutcome;
import io.sgdscope.trainer.model.Prediction;

/**
 * What one prequential step did to one sample: the prediction made before learning it, how it
 * scored, and whether learning it moved the parameters.
 *
 * @param loss log loss of the prediction, or its squared error for regression
 * @param error 0 or 1 for a classifier, the squared error for regression: what a drift detector watches
 * @param learned whether the sample completed a mini-batch and so took an optimizer step, and that step's loss
 * @param scored which prediction was scored: one made now, or the one held since the sample's features arrived
 */
public record PrequentialOutcome(Prediction prediction, double loss, double error, LearnOutcome learned,
                                 Scored scored) {

    /** Which prediction a labelled sample was scored on. */
    public enum Scored {
        /** The sample arrived with its label: predicted, scored and learned in one step. */
        AT_ARRIVAL,
        /** The label came after the sample: scored on the prediction held since the features arrived. */
        ON_TIME,
        /** The label came after the sample, but its prediction was no longer held: scored on one made now. */
        LATE
    }

    /** The outcome of a sample that arrived with its label. */
    public PrequentialOutcome(Prediction prediction, double loss, double error, LearnOutcome learned) {
        this(prediction, loss, error, learned, Scored.AT_ARRIVAL);
    }

    /** True if learning the sample took an optimizer step. */
    public boolean stepped() {
        return learned.stepped();
    }

    /** The optimizer step's mini-batch loss; NaN if no step was taken. */
    public double stepLoss() {
        return learned.loss();
    }
}
