package io.sgdscope.trainer.model;

/**
 * Runs one model architecture over parameters it does not own. Parameters are one flat float
 * array in DL4J's layout ({@link ParamLayout}), so every executor, optimizer and checkpoint
 * shares them. Executors hold scratch buffers only: stateless with respect to parameters,
 * which SAM needs to evaluate gradients at perturbed points. Not thread-safe.
 */
public interface ModelExecutor extends AutoCloseable {

    ModelSpec spec();

    /** Output for one row: class probabilities (k for multiclass, p1 for binary) or the regression value. */
    void output(float[] params, float[] x, float[] out);

    /**
     * Mean loss over the batch at {@code params}; writes the gradient of that mean into
     * {@code grad} (overwriting it).
     */
    double lossAndGradient(float[] params, Batch batch, float[] grad);

    @Override
    default void close() {
    }
}
