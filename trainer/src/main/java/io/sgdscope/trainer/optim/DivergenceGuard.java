package io.sgdscope.trainer.optim;

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

    /** After a non-finite step: restores the last good state and lowers the learning rate. */
    public void stepDiverged(float[] params, Optimizer optimizer) {
        System.arraycopy(goodParams, 0, params, 0, params.length);
        try {
            optimizer.readState(new DataInputStream(new ByteArrayInputStream(goodOptimizerState)));
        } catch (IOException e) {
            throw new UncheckedIOException("restoring optimizer state written by this process", e);
        }
        lrScale *= lrFactor;
        divergences++;
        goodStepsSinceSnapshot = 0;
        lossAverage = lossAverageAtSnapshot;
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
