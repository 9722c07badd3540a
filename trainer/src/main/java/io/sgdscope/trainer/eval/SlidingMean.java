package io.sgdscope.trainer.eval;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The mean of the last {@code window} values, from a ring buffer and a running sum. */
public final class SlidingMean implements Metric {
    private final double[] ring;
    private int next;
    private int filled;
    private double sum;

    public SlidingMean(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        this.ring = new double[window];
    }

    @Override
    public void update(double x) {
        sum += x - ring[next];
        ring[next] = x;
        // every watcher of every variant updates a few of these per sample: a compare, not a division
        if (++next == ring.length) {
            next = 0;
        }
        if (filled < ring.length) {
            filled++;
        }
        if (next == 0) {
            // re-sum once per lap so floating-point error cannot accumulate without bound
            sum = 0;
            for (double v : ring) {
                sum += v;
            }
        }
    }

    @Override
    public double value() {
        return filled == 0 ? Double.NaN : sum / filled;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(ring.length);
        out.writeInt(next);
        out.writeInt(filled);
        out.writeDouble(sum);
        for (double v : ring) {
            out.writeDouble(v);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        int window = in.readInt();
        if (window != ring.length) {
            throw new IOException("saved sliding window has " + window + " slots, configured " + ring.length);
        }
        next = in.readInt();
        filled = in.readInt();
        sum = in.readDouble();
        for (int i = 0; i < ring.length; i++) {
            ring[i] = in.readDouble();
        }
    }
}
