package io.sgdscope.trainer.optim;

import io.sgdscope.trainer.model.Batch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Keeps training alive through NaN: remembers a known-good copy of the parameters and the
 * optimizer state every few good steps and, when a step's loss or gradient is not finite, puts
 * them back and scales the learning rate down. Copying every step would cost as much as the
 * step itself at batch 1, hence the interval.
 *
 * <p>A run that diverges passes through many finite but exploding steps before it overflows, so a
 * copy is only taken while the loss stays below {@value #SPIKE_RATIO} times its running average;
 * otherwise the guard would restore the explosion it is meant to undo. The average follows a
 * clipped loss, so it can rise with real drift but not with an explosion.
 */
public final class DivergenceGuard {

    static final double SPIKE_RATIO = 10;
    private static final double AVERAGE_RATE = 0.01;

    private final double lrFactor;
    private final int snapshotEvery;
    private double lossAverage = Double.NaN;
    private double lossAverageAtSnapshot = Double.NaN;
    private float[] goodParams;
    private byte[] goodOptimizerState;
    private int goodStepsSinceSnapshot;
    private double lrScale = 1;
    private long divergences;
    /** Not state: counted since start, like the log lines it explains. */
    private long poisonBatches;
    private float[] scratchGradient;

    /**
     * @param lrFactor the learning rate is multiplied by this on each divergence, in (0, 1]
     */
    public DivergenceGuard(double lrFactor, int snapshotEvery) {
        if (!(lrFactor > 0 && lrFactor <= 1)) {
            throw new IllegalArgumentException("divergence lr factor must be in (0, 1], got " + lrFactor);
        }
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshot interval must be >= 1, got " + snapshotEvery);
        }
        this.lrFactor = lrFactor;
        this.snapshotEvery = snapshotEvery;
    }

    /** The starting point is good by definition. */
    public void start(float[] params, Optimizer optimizer) {
        snapshot(params, optimizer);
    }

    /** After a step with a finite loss. */
    public void stepSucceeded(float[] params, Optimizer optimizer, double loss) {
        boolean calm = Double.isNaN(lossAverage) || loss <= SPIKE_RATIO * lossAverage;
        lossAverage = Double.isNaN(lossAverage) ? loss
                : lossAverage + AVERAGE_RATE * (Math.min(loss, SPIKE_RATIO * lossAverage) - lossAverage);
        if (++goodStepsSinceSnapshot >= snapshotEvery && calm) {
            snapshot(params, optimizer);
        }
    }

    /**
     * After a non-finite step: restores the last good state and, if the step size was at fault,
     * lowers the learning rate. The batch is judged at the restored parameters: if its loss and
     * gradient are finite there, the parameters had run away and the rate is lowered; if not, the batch itself is
     * poison (a feature so large that any model overflows on it) and the rate stays, since lowering
     * it would not help and a storm of such records would otherwise shrink it to nothing.
     *
     * @param objective the loss the step used, evaluated once more at the restored parameters
     * @return whether the learning rate was lowered
     */
    public boolean stepDiverged(float[] params, Optimizer optimizer, Objective objective, Batch batch) {
        System.arraycopy(goodParams, 0, params, 0, params.length);
        try {
            optimizer.readState(new DataInputStream(new ByteArrayInputStream(goodOptimizerState)));
        } catch (IOException e) {
            throw new UncheckedIOException("restoring optimizer state written by this process", e);
        }
        divergences++;
        goodStepsSinceSnapshot = 0;
        lossAverage = lossAverageAtSnapshot;
        if (scratchGradient == null || scratchGradient.length != params.length) {
            scratchGradient = new float[params.length];
        }
        boolean stepSizeAtFault = Double.isFinite(objective.lossAndGradient(params, batch, scratchGradient))
                && Double.isFinite(Vectors.norm(scratchGradient));
        if (stepSizeAtFault) {
            lrScale *= lrFactor;
        } else {
            poisonBatches++;
        }
        return stepSizeAtFault;
    }

    /** Divergences whose batch was non-finite at the last good parameters too: the rate was kept. */
    public long poisonBatches() {
        return poisonBatches;
    }

    private void snapshot(float[] params, Optimizer optimizer) {
        if (goodParams == null || goodParams.length != params.length) {
            goodParams = new float[params.length];
        }
        System.arraycopy(params, 0, goodParams, 0, params.length);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            optimizer.writeState(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        goodOptimizerState = bytes.toByteArray();
        goodStepsSinceSnapshot = 0;
        lossAverageAtSnapshot = lossAverage;
    }

    /** Multiplies the scheduled learning rate. */
    public double lrScale() {
        return lrScale;
    }

    public long divergences() {
        return divergences;
    }

    public double lrFactor() {
        return lrFactor;
    }

    /** Everything, including the good copy, so a restored run reacts to a later NaN exactly as an uninterrupted one. */
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(lrScale);
        out.writeLong(divergences);
        out.writeInt(goodStepsSinceSnapshot);
        out.writeDouble(lossAverage);
        out.writeDouble(lossAverageAtSnapshot);
        Vectors.write(out, goodParams);
        out.writeInt(goodOptimizerState.length);
        out.write(goodOptimizerState);
    }

    public void readState(DataInput in) throws IOException {
        lrScale = in.readDouble();
        divergences = in.readLong();
        goodStepsSinceSnapshot = in.readInt();
        lossAverage = in.readDouble();
        lossAverageAtSnapshot = in.readDouble();
        goodParams = Vectors.read(in);
        int n = in.readInt();
        if (n < 0 || n > (1 << 30)) {
            throw new IOException("bad optimizer state length " + n);
        }
        goodOptimizerState = new byte[n];
        in.readFully(goodOptimizerState);
    }
}
