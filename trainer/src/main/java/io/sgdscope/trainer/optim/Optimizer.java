package io.sgdscope.trainer.optim;

import io.sgdscope.trainer.model.Batch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * Tribuo's lifecycle: {@link #initialise} allocates state for a parameter count, {@link #step}
 * updates parameters in place, {@link #reset} returns to the freshly initialised state.
 */
public interface Optimizer {

    void initialise(int numParams);

    /**
     * One update of {@code params} in place. Returns the mean loss at the parameters before the
     * step. If the loss or gradient is not finite, {@code params} and the optimizer state are left
     * untouched and the non-finite loss (or NaN) is returned, so a caller can guard against divergence.
     */
    double step(float[] params, Objective objective, Batch batch, double learningRate);

    /** L2 norm of the gradient used by the last step (before any perturbation); NaN before the first. */
    double lastGradientNorm();

    /** L2 norm of the last applied update, for the update-to-weight ratio. */
    double lastUpdateNorm();

    /** Same settings, fresh state. */
    Optimizer copy();

    void reset();

    /** Every setting, for provenance and for the copy() contract. */
    Map<String, Object> settings();

    /** Exact state (buffers, counters, RNG) for checkpoints. */
    void writeState(DataOutput out) throws IOException;

    void readState(DataInput in) throws IOException;
}
