package io.sgdscope.trainer.optim;

import io.sgdscope.trainer.model.Batch;

/** A loss over a batch as a function of the parameters: {@code executor::lossAndGradient}. */
@FunctionalInterface
public interface Objective {

    /** Returns the mean loss at {@code params} and overwrites {@code grad} with its gradient. */
    double lossAndGradient(float[] params, Batch batch, float[] grad);
}
