package io.sgdscope.trainer.model;

/**
 * Runs one model architecture over parameters it does not own. Parameters are one flat float
 * array in DL4J's layout ({@link ParamLayout}), so every executor, optimizer and checkpoint
 * shares them. Executors hold scratch buffers only: stateless with respect to parameters,
 * which SAM needs to evaluate gradients at perturbed points. Not thread-safe.
 */
public interface ModelExecutor extends AutoCloseable {

    ModelSpec spec();

    /** The version of parameters whose forward pass no one may reuse. */
    long NO_VERSION = Long.MIN_VALUE;

    /** Output for one row: class probabilities (k for multiclass, p1 for binary) or the regression value. */
    void output(float[] params, float[] x, float[] out);

    /**
     * {@link #output(float[], float[], float[])}, keeping the forward pass for the next call of
     * {@link #lossAndGradient(float[], long, Batch, float[])} with a one-row batch of the same
     * {@code x} array at the same {@code params} array and {@code version}: the caller's count of
     * changes to {@code params}, which it must bump whenever it writes them. Any other pass the
     * executor runs in between drops the kept one. Executors that cannot reuse a pass just run the
     * output; so does this default.
     */
    default void output(float[] params, long version, float[] x, float[] out) {
        output(params, x, out);
    }

    /**
     * Mean loss over the batch at {@code params}; writes the gradient of that mean into
     * {@code grad} (overwriting it).
     */
    double lossAndGradient(float[] params, Batch batch, float[] grad);

    /**
     * {@link #lossAndGradient(float[], Batch, float[])} at parameters of {@code version}
     * ({@link #NO_VERSION} if unknown, as for perturbed parameters); a one-row batch may start from
     * the forward pass {@link #output(float[], long, float[], float[])} kept for that row and version.
     */
    default double lossAndGradient(float[] params, long version, Batch batch, float[] grad) {
        return lossAndGradient(params, batch, grad);
    }

    /** Whether {@link #descend} can step on {@code batch}. */
    default boolean descends(Batch batch) {
        return false;
    }

    /**
     * One plain SGD step, {@code params -= learningRate * gradient}, on {@code batch} at parameters of
     * {@code version} (as {@link #lossAndGradient(float[], long, Batch, float[])}), with the update
     * fused into the backward pass: no gradient array is written. Returns the loss before the step;
     * its gradient's norm is then {@link #lastGradientNorm()}. A non-finite loss leaves
     * {@code params} untouched; a gradient that turns non-finite on the way down may leave them
     * partly stepped, so the caller restores them then, as after any divergence.
     *
     * @throws UnsupportedOperationException unless {@link #descends} said yes for the batch
     */
    default double descend(float[] params, long version, Batch batch, float learningRate) {
        throw new UnsupportedOperationException("executor " + getClass().getSimpleName() + " has no fused step");
    }

    /**
     * The Euclidean norm of the gradient the last {@code lossAndGradient} call wrote, when the
     * executor had it as a by-product of that call, else NaN (then the caller takes the norm itself,
     * a pass over every parameter). The fast executor has it for one-row batches of dense layers:
     * there a layer's weight gradient is the outer product of its input and its delta, so its norm
     * is the product of theirs, a sum over the layer's widths instead of over its weights. As a pass
     * over the float gradient would, it is infinite if an element of the gradient overflowed.
     */
    default double lastGradientNorm() {
        return Double.NaN;
    }

    @Override
    default void close() {
    }
}
