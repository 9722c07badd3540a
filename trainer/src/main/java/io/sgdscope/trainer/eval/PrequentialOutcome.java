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
 */
public record PrequentialOutcome(Prediction prediction, double loss, double error, LearnOutcome learned) {

    /** True if learning the sample took an optimizer step. */
    public boolean stepped() {
        return learned.stepped();
    }

    /** The optimizer step's mini-batch loss; NaN if no step was taken. */
    public double stepLoss() {
        return learned.loss();
    }
}
