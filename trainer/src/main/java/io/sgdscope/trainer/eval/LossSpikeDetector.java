package io.sgdscope.trainer.eval;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An exponentially weighted moving average of the step loss, and a counter of spikes: steps
 * whose loss exceeds {@code factor} times the average before them. The first
 * {@code 1 / alpha} steps only warm the average up. Not thread-safe.
 */
public final class LossSpikeDetector {
    private final double alpha;
    private final double factor;
    private final long warmup;
    private double ewma = Double.NaN;
    private long observed;
    private long spikes;

    public LossSpikeDetector(double alpha, double factor) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        this.alpha = alpha;
        this.factor = factor;
        this.warmup = (long) Math.ceil(1 / alpha);
    }

    /**
     * Feeds the loss of the optimizer step the outcome took, if it took one; returns true if that
     * loss is a spike. A diverged step's non-finite loss is the divergence guard's business.
     */
    public boolean observe(PrequentialOutcome outcome) {
        return outcome.stepped() && observe(outcome.stepLoss());
    }

    /** Feeds one step's loss; returns true if it is a spike. Non-finite losses are ignored. */
    boolean observe(double loss) {
        if (!Double.isFinite(loss)) {
            return false;
        }
        boolean spike = observed >= warmup && loss > factor * ewma;
        if (spike) {
            spikes++;
        }
        ewma = observed == 0 ? loss : ewma + alpha * (loss - ewma);
        observed++;
        return spike;
    }

    public double ewma() {
        return ewma;
    }

    public long spikes() {
        return spikes;
    }

    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(ewma);
        out.writeLong(observed);
        out.writeLong(spikes);
    }

    public void readState(DataInput in) throws IOException {
        ewma = in.readDouble();
        observed = in.readLong();
        spikes = in.readLong();
    }
}
