package io.sgdscope.trainer.optim;

import io.sgdscope.trainer.model.Batch;

/**
 * A loss over a batch as a function of the parameters: {@code executor::lossAndGradient}.
 * Optimizers evaluate it at the {@code params} array they were handed before writing that array
 * (write a copy to evaluate elsewhere, as SAM does): the caller may reuse a forward pass made at
 * those parameters.
 */
@FunctionalInterface
public interface Objective {

    /** Returns the mean loss at {@code params} and overwrites {@code grad} with its gradient. */
    double lossAndGradient(float[] params, Batch batch, float[] grad);

    /** Whether {@link #descend} can step on {@code batch} (see {@code ModelExecutor#descend}). */
    default boolean descends(Batch batch) {
        return false;
    }

    /**
     * One plain SGD step on {@code params} with the update fused into the backward pass; returns the
     * loss before it, and {@link #lastGradientNorm()} is then its gradient's norm. See {@code ModelExecutor#descend}.
     */
    default double descend(float[] params, Batch batch, double learningRate) {
        throw new UnsupportedOperationException("this objective has no fused step");
    }

    /**
     * The norm of the gradient the last call wrote, if the objective got it without a pass over
     * it (see {@code ModelExecutor#lastGradientNorm}; infinite if an element is), else NaN.
     */
    default double lastGradientNorm() {
        return Double.NaN;
    }
}
