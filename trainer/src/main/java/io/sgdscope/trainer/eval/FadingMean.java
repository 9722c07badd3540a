package io.sgdscope.trainer.eval;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The fading-factor mean of Gama et al.: S = x + α·S, N = 1 + α·N, value S/N. Old values fade
 * geometrically, so it follows drift without a window to store.
 */
public final class FadingMean implements Metric {
    private final double alpha;
    private double s;
    private double n;

    public FadingMean(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("fading factor must be in (0, 1), got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public void update(double x) {
        s = x + alpha * s;
        n = 1 + alpha * n;
    }

    @Override
    public double value() {
        return n == 0 ? Double.NaN : s / n;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(s);
        out.writeDouble(n);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        s = in.readDouble();
        n = in.readDouble();
    }
}
